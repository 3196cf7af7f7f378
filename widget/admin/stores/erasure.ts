import type { ApiError } from '../../lib/api-error.ts'
import { eraseEmail } from '../api.ts'
import { loadBlocklist } from './blocklist.ts'
import { tell } from './notice.ts'
import { failed } from './session.ts'

/**
 * Erases everything tied to a reader's address, as they asked; the live region says what went.
 * Resolves to the error, if any, for the form to show beside the field. No undo: it is erasure.
 */
export async function eraseReader(email: string): Promise<ApiError | undefined> {
  try {
    const { erased } = await eraseEmail(email)
    tell((t) => t.erased(email, erased.comments, erased.subscriptions, erased.mails))
    // The address may have been on the blocklist, which the same view shows.
    if (erased.bans > 0) await loadBlocklist()
  } catch (error) {
    return failed(error)
  }
}
