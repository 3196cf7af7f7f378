import { atom } from 'nanostores'
import type { Comment } from '../../server/contract.ts'
import { deleteComment, patchComment } from '../api.ts'
import { ApiError, toApiError } from '../lib/api-error.ts'
import { readStorage, writeStorage } from '../lib/storage.ts'
import { announce } from './announcement.ts'
import { $clock } from './clock.ts'
import { removeComment, replaceComment } from './thread.ts'

/** What the reader needs to change a comment of their own. */
export interface OwnComment {
  /** Secret from the server's 201/202 answer; the server keeps only its hash. */
  token: string
  /** ISO 8601: the end of the edit window. */
  editableUntil: string
  /** The Markdown as written: the server sends back only HTML, and editing needs the source. */
  text: string
  /**
   * A comment held for moderation, and its thread: the server shows it to nobody, so the widget
   * keeps it to show its author, until the server lists it or a day after the edit window.
   */
  held?: { uri: string; comment: Comment }
}

/** Comment id → its token, for the reader's comments whose edit window is still open. */
export type Tokens = Record<string, OwnComment>

const KEY = 'causerie:tokens'
/** How long past its edit window a held comment is still shown to its author: a day. */
const HELD_MS = 86_400_000

export const $tokens = atom<Tokens>({})

/** Ids of the reader's comments that can be edited or deleted at `now`. */
export function editableIds(tokens: Tokens, now: number): Set<number> {
  const ids = new Set<number>()
  for (const [id, own] of Object.entries(tokens)) {
    if (Date.parse(own.editableUntil) > now) ids.add(Number(id))
  }
  return ids
}

/** Whether the reader can still edit or delete comment `id`, by the widget's clock. */
export function canEdit(id: number): boolean {
  return editableIds($tokens.get(), $clock.get()).has(id)
}

/** Reads the tokens remembered on this site, dropping those whose window has closed. */
export function loadTokens(now = Date.now()): void {
  $tokens.set(open(readStorage(KEY), now))
}

/** Keeps the token of a comment the reader just posted. */
export function rememberToken(id: number, own: OwnComment): void {
  save({ ...open($tokens.get(), Date.now()), [id]: own })
}

/** The reader's held comments in thread `uri` that the server does not list (yet). */
export function heldComments(tokens: Tokens, uri: string, listed: Comment[]): Comment[] {
  return Object.values(tokens).flatMap(({ held }) =>
    held?.uri === uri && !listed.some(({ id }) => id === held.comment.id) ? [held.comment] : [],
  )
}

/**
 * Forgets the held copies of comments the thread now shows as approved. A held comment the reader
 * just posted is in the thread too, still pending: that one stays.
 */
export function forgetListed(listed: Comment[]): void {
  for (const { id, status } of listed) {
    const own = $tokens.get()[id]
    if (own?.held && status !== 'pending')
      save({ ...$tokens.get(), [id]: { ...own, held: undefined } })
  }
}

/** Replaces the text of an own comment; resolves to the error, if any. */
export async function editOwnComment(id: number, text: string): Promise<ApiError | undefined> {
  try {
    const own = ownComment(id)
    const comment = await patchComment(id, text, own.token)
    replaceComment(comment)
    save({ ...$tokens.get(), [id]: { ...own, text, held: own.held && { ...own.held, comment } } })
    announce('updated')
  } catch (error) {
    return toApiError(error)
  }
}

/** Deletes an own comment; resolves to the error, if any. */
export async function deleteOwnComment(id: number): Promise<ApiError | undefined> {
  try {
    await deleteComment(id, ownComment(id).token)
    removeComment(id)
    const { [id]: _deleted, ...rest } = $tokens.get()
    save(rest)
    announce('deleted')
  } catch (error) {
    return toApiError(error)
  }
}

function ownComment(id: number): OwnComment {
  const own = $tokens.get()[id]
  if (!own) throw new ApiError('token_missing', 0, `No token for comment ${id} in this browser`)
  return own
}

function save(tokens: Tokens): void {
  $tokens.set(tokens)
  writeStorage(KEY, tokens)
}

/** The entries of `stored` that are well formed and inside their edit window (a held one: a day more). */
function open(stored: unknown, now: number): Tokens {
  const tokens: Tokens = {}
  for (const [id, own] of Object.entries((stored ?? {}) as Tokens)) {
    if (typeof own?.token !== 'string') continue
    if (Date.parse(own.editableUntil) + (own.held ? HELD_MS : 0) > now) tokens[id] = own
  }
  return tokens
}
