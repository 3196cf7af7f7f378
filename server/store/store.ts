import type { CommentStatus } from '../contract.ts'

/** A thread: the comments of one page, keyed by its normalised URI. Times are epoch ms. */
export interface ThreadRow {
  id: number
  uri: string
  title: string | null
  createdAt: number
}

/** A comment as stored, with the private fields that never leave the server. */
export interface CommentRow {
  id: number
  threadId: number
  parentId: number | null
  /** The Markdown the author wrote. */
  text: string
  /** `text` rendered and sanitised, kept so that reads never render. */
  html: string
  name: string
  email: string | null
  website: string | null
  avatar: string
  /** Keyed hash of the client's address; never the address itself. */
  clientHash: string
  /** SHA-256 of the edit token, hex; the token itself is never stored. */
  tokenHash: string
  status: CommentStatus
  createdAt: number
  editedAt: number | null
}

export type NewCommentRow = Omit<CommentRow, 'id'>

export type CommentPatch = Partial<
  Pick<
    CommentRow,
    'text' | 'html' | 'name' | 'email' | 'website' | 'avatar' | 'status' | 'editedAt'
  >
>

/**
 * Everything the services need from a database. Methods return Promises so that a PostgreSQL
 * store can implement the same interface; "not found" is `undefined`, never an error.
 */
export interface Store {
  /** The thread with this normalised URI. */
  findThread(uri: string): Promise<ThreadRow | undefined>
  /** Creates the thread if it is new; an existing thread keeps its title unless it had none. */
  upsertThread(uri: string, title: string | null, createdAt: number): Promise<ThreadRow>
  /** Every comment of a thread, whatever its status, oldest first (ties by id). */
  listComments(threadId: number): Promise<CommentRow[]>
  /** One comment by id, whatever its status. */
  findComment(id: number): Promise<CommentRow | undefined>
  /** Stores a comment; resolves after the commit, with its new id. */
  insertComment(row: NewCommentRow): Promise<CommentRow>
  /** Changes some fields of a comment; resolves with the updated row after the commit. */
  updateComment(id: number, patch: CommentPatch): Promise<CommentRow | undefined>
  /** Published comments per thread URI; URIs without a thread are absent from the map. */
  countPublished(uris: readonly string[]): Promise<Map<string, number>>
  /** A server setting or secret. */
  getMeta(key: string): Promise<string | undefined>
  /** Sets a server setting, replacing any previous value. */
  setMeta(key: string, value: string): Promise<void>
  /** Sets a setting only if it is unset; resolves with the value that is stored afterwards. */
  claimMeta(key: string, value: string): Promise<string>
  /** Resolves when the database answers a trivial query (health checks). */
  ping(): Promise<void>
  /** Closes the database; no method may be called afterwards. */
  close(): Promise<void>
}
