import { atom } from 'nanostores'
import { readStorage, writeStorage } from '../../lib/storage.ts'

const KEY = 'causerie-admin:name'

/** The name the owner signs replies with, shown next to the Author badge; remembered here. */
export const $ownerName = atom('')

export function loadOwnerName(): void {
  const stored = readStorage(KEY)
  if (typeof stored === 'string') $ownerName.set(stored)
}

export function rememberOwnerName(name: string): void {
  $ownerName.set(name)
  writeStorage(KEY, name)
}
