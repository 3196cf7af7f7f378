import { randomBytes } from 'node:crypto'
import { hashClient } from '../lib/keyed-hash.ts'
import type { Store } from '../store/store.ts'

/** Meta keys of the client keys: one per period, named by the period's number since 1970. */
const KEY_PREFIX = 'client_key:'
const DAY_MS = 86_400_000

/** A client's hashes under the keys the server still has: the current one first. */
export interface ClientHashes {
  current: string
  /** Under the previous period's key, while the store has it; recognises the client across the boundary. */
  previous: string | undefined
}

export interface ClientHasherOptions {
  store: Store
  now: () => number
  /** CAUSERIE_CLIENT_KEY_DAYS: how long one key makes new client hashes. */
  periodDays: number
}

export type ClientHasher = (address: string) => Promise<ClientHashes>

/**
 * Returns the hasher of client addresses under rotating keys. A new random key starts every
 * period; the previous one is kept so that bans, duplicate checks and first-time authors keep
 * working across the boundary, and every older key is deleted from the store: an IPv4 address
 * is one of 2^32, so whoever holds a key and a hash could find the address by trying them all.
 */
export function createClientHasher({ store, now, periodDays }: ClientHasherOptions): ClientHasher {
  const periodMs = periodDays * DAY_MS
  let loaded: Promise<PeriodKeys> | undefined
  let loadedPeriod = Number.NaN

  async function load(period: number): Promise<PeriodKeys> {
    // claimMeta keeps whichever key was stored first, even if two processes race here.
    const current = await store.claimMeta(keyName(period), randomBytes(32).toString('hex'))
    const previous = await store.getMeta(keyName(period - 1))
    await store.pruneMeta(KEY_PREFIX, [keyName(period), keyName(period - 1)])
    return {
      current: Buffer.from(current, 'hex'),
      previous: previous === undefined ? undefined : Buffer.from(previous, 'hex'),
    }
  }

  function keys(): Promise<PeriodKeys> {
    const period = Math.floor(now() / periodMs)
    if (loaded === undefined || period !== loadedPeriod) {
      loadedPeriod = period
      const pending = load(period).catch((error: unknown) => {
        // Let the next request try again rather than remembering a failure forever.
        if (loaded === pending) loaded = undefined
        throw error
      })
      loaded = pending
    }
    return loaded
  }

  return async function clientHashes(address) {
    const { current, previous } = await keys()
    return {
      current: hashClient(current, address),
      previous: previous && hashClient(previous, address),
    }
  }
}

interface PeriodKeys {
  current: Buffer
  previous: Buffer | undefined
}

function keyName(period: number): string {
  return `${KEY_PREFIX}${period}`
}

/** A client's hashes as a list, current first, for lookups that accept either. */
export function hashList(hashes: ClientHashes): string[] {
  return hashes.previous === undefined ? [hashes.current] : [hashes.current, hashes.previous]
}
