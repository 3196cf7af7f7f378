import { atom } from 'nanostores'
import { ApiError, deleteComment, patchComment, toApiError } from '../api.ts'
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
}

/** Comment id → its token, for the reader's comments whose edit window is still open. */
export type Tokens = Record<string, OwnComment>

const KEY = 'causerie:tokens'

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

/** Replaces the text of an own comment; resolves to the error, if any. */
export async function editOwnComment(id: number, text: string): Promise<ApiError | undefined> {
  try {
    const own = ownComment(id)
    replaceComment(await patchComment(id, text, own.token))
    save({ ...$tokens.get(), [id]: { ...own, text } })
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

/** The entries of `stored` that are well formed and still inside their edit window. */
function open(stored: unknown, now: number): Tokens {
  const tokens: Tokens = {}
  for (const [id, own] of Object.entries((stored ?? {}) as Tokens)) {
    if (typeof own?.token === 'string' && Date.parse(own.editableUntil) > now) tokens[id] = own
  }
  return tokens
}
