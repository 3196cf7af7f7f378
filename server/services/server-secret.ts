import { randomBytes } from 'node:crypto'
import type { Store } from '../store/store.ts'

const SECRET_KEY = 'hash_secret'

/**
 * Returns a loader of the server's hashing secret: 32 random bytes made on first use and kept
 * in the store's meta table, so that client hashes and avatars stay stable across restarts.
 */
export function createServerSecret(store: Store): () => Promise<Buffer> {
  let pending: Promise<Buffer> | undefined
  return function serverSecret() {
    pending ??= load(store).catch((error: unknown) => {
      // Let the next request try again rather than remembering a failure forever.
      pending = undefined
      throw error
    })
    return pending
  }
}

async function load(store: Store): Promise<Buffer> {
  // claimMeta keeps whichever secret was stored first, even if two processes race here.
  const hex = await store.claimMeta(SECRET_KEY, randomBytes(32).toString('hex'))
  return Buffer.from(hex, 'hex')
}
