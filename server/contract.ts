// Wire types, error codes and limits shared by the server and the widget.
// No I/O and no logic: the widget imports this file, so everything here ends up in its bundle
// (types with `import type`, constants by value).
// Changing a field or a code? It is a public contract (DESIGN.md): update README.md too.

/** Limits on what a client may send; the server enforces them, the widget shows them. */
export const LIMITS = {
  /** Whole request body, in bytes. */
  bodyBytes: 64 * 1024,
  /** Comment text, in characters (code points), after trimming. */
  textMin: 1,
  textMax: 10_000,
  nameMax: 100,
  emailMax: 254,
  websiteMax: 500,
  titleMax: 300,
  /** Thread key, after normalisation. */
  uriMax: 2_000,
  /** Thread keys in one GET /api/counts call. */
  countsMax: 100,
  /** Admin password, in characters. */
  passwordMax: 1_000,
  /** Comments in one admin page (GET /api/admin/comments?limit=) and in one bulk action. */
  adminPageMax: 200,
  /** Entries in each list of the blocklist (words, emails, clients). */
  blocklistMax: 1_000,
} as const

/**
 * The honeypot: a field the widget renders hidden, so people leave it empty and form-filling
 * bots do not. A comment that fills it is stored as spam and answered as if held (202).
 */
export const HONEYPOT_FIELD = 'homepage'

/** Default edit window, in minutes; CAUSERIE_EDIT_MINUTES overrides it. */
export const DEFAULT_EDIT_MINUTES = 15

export type CommentStatus = 'published' | 'pending' | 'spam' | 'deleted'

/** CAUSERIE_MODERATION: publish at once, hold an author's comments until one is approved, or hold all. */
export type ModerationMode = 'open' | 'first-time' | 'all'

export interface Author {
  /** Display name; empty when the reader gave none (the widget shows "Anonymous"). */
  name: string
  /** Absolute http(s) URL, or null. */
  website: string | null
  /** Seed for the locally drawn identicon: 16 hex characters, never derived reversibly from the email. */
  avatar: string
}

export interface Comment {
  id: number
  /** The comment this one replies to, in the same thread; null for a top-level comment. */
  parentId: number | null
  author: Author
  /** Rendered and sanitised on the server; the widget sanitises it again before use. Empty when deleted. */
  html: string
  /** ISO 8601, UTC. */
  createdAt: string
  editedAt: string | null
  status: CommentStatus
  /** Present and true on the site owner's replies, which the widget marks with an "author" badge. */
  isOwner?: boolean
}

/** A comment as the admin API shows it: everything but the token and the client's address. */
export interface AdminComment extends Comment {
  /** Unlike the public Comment, a deleted comment keeps its html here unless its author deleted it. */
  html: string
  /** The Markdown source; empty once its author deleted the comment. */
  text: string
  email: string | null
  /** The thread key, and the page title the widget sent with the first comment. */
  uri: string
  threadTitle: string | null
  /** Keyed hash of the sender's address: the handle for banning a client. */
  client: string
  isOwner: boolean
  /** The author asked to be mailed about replies (sent only once the address is confirmed). */
  notify: boolean
}

export interface ThreadResponse {
  uri: string
  /** Number of published comments. */
  total: number
  /** Oldest first, flat; replies point at their parent with parentId. */
  comments: Comment[]
  /** Present and true when the owner closed the thread: new comments answer 403 thread_closed. */
  closed?: boolean
}

export interface NewComment {
  uri: string
  text: string
  parentId?: number | null
  name?: string
  email?: string
  website?: string
  title?: string
  /** Mail the author about replies; needs `email`. The first time, a confirmation link is sent. */
  notify?: boolean
  /** The honeypot (HONEYPOT_FIELD): always send it empty. */
  homepage?: string
}

export interface CreatedResponse {
  comment: Comment
  /** Secret for PATCH/DELETE of this comment; shown once, stored by the server only as a hash. */
  token: string
  /** ISO 8601: the end of the edit window. */
  editableUntil: string
}

export interface CommentResponse {
  comment: Comment
}

export interface CountsResponse {
  counts: Record<string, number>
}

export interface PreviewResponse {
  html: string
}

/** GET /api/admin/session: who is logged in, and what the server is set up to do. */
export interface AdminSessionResponse {
  /** ISO 8601: when the session ends; log in again afterwards. */
  expiresAt: string
  moderation: ModerationMode
  /** Whether mails (SMTP_URL) and the webhook (CAUSERIE_WEBHOOK_URL) are configured. */
  mail: boolean
  webhook: boolean
}

export interface AdminCommentsResponse {
  comments: AdminComment[]
  /** Pass as `before` (newest-first views) or `after` (oldest-first) for the next page; null at the end. */
  next: number | null
}

export interface AdminCommentResponse {
  comment: AdminComment
}

export type StatusCounts = Record<CommentStatus, number>

export interface AdminStatsResponse {
  /** The last 30 days (UTC), oldest first, today included; days without comments count 0. */
  days: { date: string; comments: number; spam: number }[]
  /** Every stored comment, by status. */
  counts: StatusCounts
}

export interface AdminThread {
  uri: string
  title: string | null
  closed: boolean
  /** ISO 8601. */
  createdAt: string
  lastCommentAt: string | null
  counts: StatusCounts
}

export interface AdminThreadsResponse {
  threads: AdminThread[]
}

/** What new comments are checked against; a match stores the comment as spam. */
export interface Blocklist {
  /** Words or phrases, matched whole and case-insensitively in the text, name and website. */
  words: string[]
  /** Addresses, or whole domains written as "@example.com", case-insensitive. */
  emails: string[]
  /** Client hashes, as AdminComment.client shows them. */
  clients: string[]
}

/** POST /api/admin/erase: what was erased of everything tied to an address. */
export interface EraseResponse {
  erased: {
    /** Comments wiped to placeholders, or deleted outright when nothing hangs below them. */
    comments: number
    subscriptions: number
    /** Queued or sent mails that named the address. */
    mails: number
    /** Blocklist entries of the exact address (domain entries stay). */
    bans: number
  }
}

/** Every error code the API can answer. Codes never change once released. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_encoding'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_input'
  | 'parent_not_found'
  | 'comment_not_found'
  | 'not_found'
  | 'method_not_allowed'
  | 'token_missing'
  | 'token_invalid'
  | 'edit_window_closed'
  | 'forbidden_origin'
  | 'rate_limited'
  | 'unauthorized'
  | 'wrong_password'
  | 'thread_closed'
  | 'too_many_links'
  | 'duplicate_comment'
  | 'invalid_link'
  | 'link_expired'
  | 'link_used'
  | 'link_stale'
  | 'internal'
  | 'unavailable'

export interface ErrorBody {
  error: {
    code: ErrorCode
    /** English, for developers and logs; the widget shows its own translation of `code`. */
    message: string
    /** For invalid_input: the offending field of the request body. */
    field?: string
  }
}

/** Header carrying the edit/delete token. */
export const AUTH_HEADER = 'Authorization'
