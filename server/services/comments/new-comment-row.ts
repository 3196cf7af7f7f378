import type { CommentStatus } from '../../contract.ts'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { renderMarkdown } from '../../lib/render-markdown.ts'
import type { CommentRow, NewCommentRow } from '../../store/store.ts'
import { avatarSeed } from './avatar-seed.ts'
import { createToken } from './comment-token.ts'

/** What every new comment starts from, whoever writes it: a reader, the owner, the demo, an import. */
export interface CommentRowInput {
  threadId: number
  /** The comment replied to, as stored; null for a top-level comment. */
  parent: Pick<CommentRow, 'id' | 'rootId'> | null
  text: string
  name: string
  email: string | null
  website: string | null
  /** Keyed hash of the sender's address (services/client-hasher.ts). */
  clientHash: string
  status: CommentStatus
  /** `text` already rendered, when the caller needed the HTML first (the link limit). */
  html?: string
  createdAt: number
  editedAt?: number | null
  isOwner?: boolean
  notify?: boolean
}

/**
 * The one builder of comment rows: renders the Markdown, seeds the identicon, makes the edit
 * token (returned once, stored only as its hash), hashes the text for the duplicate check and
 * places the comment in its conversation. `secret` is the server's hashing secret.
 */
export function newCommentRow(
  input: CommentRowInput,
  secret: Uint8Array,
): { row: NewCommentRow; token: string } {
  const { parent, isOwner = false } = input
  const { token, tokenHash } = createToken()
  // The owner is one author wherever they write from, so their identicon ignores the client.
  const avatarClient = isOwner ? 'owner' : input.clientHash
  const row: NewCommentRow = {
    threadId: input.threadId,
    parentId: parent?.id ?? null,
    rootId: parent === null ? null : (parent.rootId ?? parent.id),
    text: input.text,
    textHash: duplicateHash(input.text),
    html: input.html ?? renderMarkdown(input.text),
    name: input.name,
    email: input.email,
    website: input.website,
    avatar: avatarSeed(secret, { name: input.name, email: input.email, clientHash: avatarClient }),
    clientHash: input.clientHash,
    tokenHash,
    status: input.status,
    visible: input.status === 'published',
    createdAt: input.createdAt,
    editedAt: input.editedAt ?? null,
    isOwner,
    notify: input.notify === true,
  }
  return { row, token }
}
