import type { NewComment } from '../../../server/contract.ts'
import { postComment, previewComment } from '../../api.ts'
import { type ApiError, toApiError } from '../../lib/api-error.ts'
import { announce } from '../../stores/announcement.ts'
import { $settings } from '../../stores/settings.ts'
import { addComment } from '../../stores/thread.ts'
import { rememberToken } from '../../stores/tokens.ts'
import { rememberIdentity } from './identity.ts'

/** A comment as the reader is writing it; empty side fields are not sent. */
export interface Draft {
  text: string
  name: string
  email: string
  website: string
  parentId?: number
  /** Mail the author about replies; sent only with an email. */
  notify?: boolean
  /** The honeypot's value: empty, unless a bot filled it. */
  trap?: string
}

/** Posts a draft to the current thread; resolves to the error, if any. */
export async function submitComment(draft: Draft): Promise<ApiError | undefined> {
  const { uri, title } = $settings.get()
  const { text, parentId } = draft
  const name = draft.name.trim()
  const email = draft.email.trim()
  const website = draft.website.trim()
  const input: NewComment = { uri, text, parentId: parentId ?? null }
  if (title) input.title = title
  if (name) input.name = name
  if (email) input.email = email
  if (website) input.website = website
  if (email && draft.notify) input.notify = true
  if (draft.trap) input.homepage = draft.trap
  try {
    const { comment, token, editableUntil } = await postComment(input)
    rememberIdentity({ name, email, website })
    // The reader's clock may be off the server's: keep the window's length, not its end.
    const until = Date.now() + Date.parse(editableUntil) - Date.parse(comment.createdAt)
    const held = comment.status === 'pending' ? { held: { uri, comment } } : {}
    rememberToken(comment.id, {
      token,
      editableUntil: new Date(until).toISOString(),
      text,
      ...held,
    })
    addComment(comment)
    announce(comment.status === 'published' ? 'posted' : 'held')
  } catch (error) {
    return toApiError(error)
  }
}

export type Preview = { html: string } | { error: ApiError }

/** The server's rendering of `text`, to show before posting. */
export async function previewDraft(text: string): Promise<Preview> {
  try {
    return { html: await previewComment(text) }
  } catch (error) {
    return { error: toApiError(error) }
  }
}
