import { LIMITS } from '../../../server/contract.ts'
import type { Messages } from '../../i18n/en.ts'
import type { ApiError } from '../../lib/api-error.ts'

export type DraftField = 'text' | 'name' | 'email' | 'website'

/** What is wrong with a draft, in the reader's language, and the field to fix. */
export interface DraftProblem {
  field?: DraftField
  message: string
}

/** Characters as the server counts them: code points, after trimming. */
export function countCharacters(text: string): number {
  let count = 0
  for (const _ of text.trim()) count++
  return count
}

/**
 * The problem the server would find with `text`, checked first to spare a round trip. The side
 * fields need no such check: their inputs' maxLength holds them to LIMITS, and the server, which
 * stays the authority, names any other problem (see explainError).
 */
export function checkText(text: string, t: Messages): DraftProblem | undefined {
  const count = countCharacters(text)
  if (count < LIMITS.textMin) return { field: 'text', message: t.textEmpty }
  if (count > LIMITS.textMax) {
    const format = (n: number) => n.toLocaleString(t.locale)
    return { field: 'text', message: t.textTooLong(format(count), format(LIMITS.textMax)) }
  }
}

/** A server error as a problem to show next to the form. */
export function explainError(error: ApiError, t: Messages): DraftProblem {
  const labels: Record<DraftField, string> = {
    text: t.textLabel,
    name: t.nameLabel,
    email: t.emailLabel,
    website: t.websiteLabel,
  }
  const field = error.field as DraftField | undefined
  if (error.code === 'invalid_input' && field && field in labels) {
    return { field, message: t.invalidField(labels[field]) }
  }
  return { message: t.errors[error.code] }
}
