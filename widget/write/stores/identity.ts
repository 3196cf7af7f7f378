import { atom } from 'nanostores'
import { readStorage, writeStorage } from '../../lib/storage.ts'

/** What a reader typed about themself, offered again in the next form. */
export interface Identity {
  name: string
  email: string
  website: string
}

const KEY = 'causerie:identity'

export const $identity = atom<Identity>({ name: '', email: '', website: '' })

/** Reads the identity remembered on this site, if any. */
export function loadIdentity(): void {
  const stored = readStorage(KEY) as Partial<Identity> | undefined
  for (const key of ['name', 'email', 'website'] as const) {
    const value = stored?.[key]
    if (typeof value === 'string') $identity.set({ ...$identity.get(), [key]: value })
  }
}

/** Keeps the identity for the next comment, on this site and in later visits. */
export function rememberIdentity(identity: Identity): void {
  $identity.set(identity)
  writeStorage(KEY, identity)
}
