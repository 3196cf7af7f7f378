import type { ThreadSort } from '../../server/contract.ts'
import { readStorage, writeStorage } from './storage.ts'

// Read by the loader (embed.ts) too, so that the first page comes in the reader's order at once.
const KEY = 'causerie:sort'

/** The order of top-level comments the reader chose last on this site, if any. */
export function readSort(): ThreadSort | undefined {
  const sort = readStorage(KEY)
  return sort === 'oldest' || sort === 'newest' || sort === 'best' ? sort : undefined
}

/** Keeps the reader's choice of order for their next visits. */
export function rememberSort(sort: ThreadSort): void {
  writeStorage(KEY, sort)
}
