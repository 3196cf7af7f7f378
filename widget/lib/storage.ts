// localStorage throws in Safari's private mode, in sandboxed iframes and when the reader blocks
// site data; the widget then simply forgets between visits.

/** The JSON stored under `key`, or undefined when absent, unreadable or not JSON. */
export function readStorage(key: string): unknown {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? undefined : JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** Stores `value` as JSON under `key`; best effort. */
export function writeStorage(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Full or blocked storage: keeping the value for this page view is all we can do.
  }
}
