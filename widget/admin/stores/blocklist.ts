import { atom } from 'nanostores'
import type { BanTarget, Blocklist } from '../../../server/contract.ts'
import type { ApiError } from '../../lib/api-error.ts'
import { ban, getBlocklist, putBlocklist, unban } from '../api.ts'
import { report, tell } from './notice.ts'
import { failed } from './session.ts'

export interface BlocklistState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  list: Blocklist
  error?: ApiError
}

export const $blocklist = atom<BlocklistState>({
  status: 'idle',
  list: { words: [], emails: [], clients: [] },
})

/** Loads the blocklist: its editor shows it, and comment rows show Ban or Unban from it. */
export async function loadBlocklist(): Promise<void> {
  $blocklist.set({ ...$blocklist.get(), status: 'loading' })
  try {
    $blocklist.set({ status: 'ready', list: await getBlocklist() })
  } catch (error) {
    $blocklist.set({ ...$blocklist.get(), status: 'error', error: failed(error) })
  }
}

/** The list a ban goes to, and what it holds. */
export function banKey(target: BanTarget): 'emails' | 'clients' {
  return 'email' in target ? 'emails' : 'clients'
}

export function isBanned(list: Blocklist, target: BanTarget): boolean {
  const value = 'email' in target ? target.email.toLowerCase() : target.client
  return list[banKey(target)].includes(value)
}

/** Bans an email or a client from a comment row, with an Undo. */
export async function banAuthor(target: BanTarget, who: string): Promise<void> {
  try {
    save(await ban(target))
    tell(
      (t) => t.banned(who),
      () => unbanAuthor(target, who),
    )
  } catch (error) {
    report(error)
  }
}

/** Lifts a ban. */
export async function unbanAuthor(target: BanTarget, who: string): Promise<void> {
  try {
    save(await unban(target))
    tell((t) => t.unbanned(who))
  } catch (error) {
    report(error)
  }
}

/** Adds an entry in the editor; resolves to the error, if any (an invalid entry, say). */
export async function addEntry(key: keyof Blocklist, value: string): Promise<ApiError | undefined> {
  try {
    if (key === 'words') {
      const { list } = $blocklist.get()
      save(await putBlocklist({ ...list, words: [...list.words, value] }))
    } else {
      save(await ban(key === 'emails' ? { email: value } : { client: value }))
    }
  } catch (error) {
    return failed(error)
  }
}

/** Removes an entry in the editor. */
export async function removeEntry(key: keyof Blocklist, value: string): Promise<void> {
  try {
    if (key === 'words') {
      const { list } = $blocklist.get()
      save(await putBlocklist({ ...list, words: list.words.filter((word) => word !== value) }))
    } else {
      save(await unban(key === 'emails' ? { email: value } : { client: value }))
    }
    tell((t) => t.removedEntry(value))
  } catch (error) {
    report(error)
  }
}

function save(list: Blocklist): void {
  $blocklist.set({ status: 'ready', list })
}
