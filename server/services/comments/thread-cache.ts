/** A thread's public answer as served, tagged with what it was built from. */
export interface CachedThread {
  threadId: number
  /** The thread's version (store.ts ThreadRow) read before its comments were. */
  version: number
  /** The serialised ThreadResponse. */
  body: string
}

export interface ThreadCacheOptions {
  maxEntries: number
  /** Characters of all bodies together; a body larger than this is never kept. */
  maxChars: number
}

export type ThreadCache = ReturnType<typeof createThreadCache>

/**
 * Serialised threads by key (the page's whole query), least recently used forgotten first. It never decides
 * whether an entry is fresh: the caller compares its version with the database's.
 */
export function createThreadCache({ maxEntries, maxChars }: ThreadCacheOptions) {
  // A Map iterates in insertion order: re-inserting on each read keeps the least recent first.
  const entries = new Map<string, CachedThread>()
  let chars = 0

  function remove(uri: string): void {
    const entry = entries.get(uri)
    if (!entry) return
    entries.delete(uri)
    chars -= entry.body.length
  }

  return {
    get(uri: string): CachedThread | undefined {
      const entry = entries.get(uri)
      if (entry) {
        entries.delete(uri)
        entries.set(uri, entry)
      }
      return entry
    },

    set(uri: string, entry: CachedThread): void {
      remove(uri)
      if (entry.body.length > maxChars) return
      entries.set(uri, entry)
      chars += entry.body.length
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && chars <= maxChars) break
        remove(oldest)
      }
    },

    get size(): number {
      return entries.size
    },
  }
}
