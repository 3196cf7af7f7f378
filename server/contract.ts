// Wire types, error codes and limits shared by the server and the widget.
// No I/O and no logic: the widget imports this file, so everything here ends up in its bundle
// (types with `import type`, constants by value).
// Changing a field or a code? It is a public contract (docs/architecture.md, The wire contract):
// update docs/api.md too.

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
  /** Top-level comments in one page of GET /api/comments (`limit`), and replies in one `parent` page. */
  pageDefault: 20,
  pageMax: 100,
  /** Replies shown with each top-level comment of a page; the rest come with `parent=ID`. */
  repliesPreview: 5,
  /**
   * Serialised size at which a page takes no more comments, in characters: a page ends early
   * once it holds this much (so it passes it by one comment at most), and a thread of long
   * comments full of escaped characters still answers in bounded pages. A page always holds at
   * least one comment.
   */
  pageChars: 200_000,
  /** A cursor (`after`) as the server hands it out. */
  cursorMax: 80,
  /** A voter id (POST /api/comments/:id/vote): 16 to 64 characters of [A-Za-z0-9_-]. */
  voterMin: 16,
  voterMax: 64,
} as const

/**
 * The honeypot: a field the widget renders hidden, so people leave it empty and form-filling
 * bots do not. A comment that fills it is stored as spam and answered as if held (202).
 */
export const HONEYPOT_FIELD = 'homepage'

/** Default edit window, in minutes; CAUSERIE_EDIT_MINUTES overrides it. */
export const DEFAULT_EDIT_MINUTES = 15

export type CommentStatus = 'published' | 'pending' | 'spam' | 'deleted'
/** Every status, in the order the admin panel lists them: what needs a decision first. */
export const COMMENT_STATUSES: readonly CommentStatus[] = [
  'pending',
  'published',
  'spam',
  'deleted',
]

/**
 * How top-level comments are ordered: oldest first, newest first, or best first (the lower
 * bound of the Wilson score interval of up votes among votes, see docs/api.md). Replies are
 * always in conversation order (oldest first) under their parent.
 */
export type ThreadSort = 'oldest' | 'newest' | 'best'
export const THREAD_SORTS: readonly ThreadSort[] = ['oldest', 'newest', 'best']

/** CAUSERIE_VOTES: up and down votes, up votes only, or none. */
export type VoteMode = 'on' | 'up' | 'off'

/** A reader's vote on a comment: up, down, or none (taking a vote back). */
export type VoteValue = 1 | -1 | 0

export interface Score {
  up: number
  down: number
}

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
  /** Votes received; absent when the server's votes are off (ThreadResponse.votes). */
  score?: Score
  /**
   * On the top-level comments of a thread page: how many replies (at every depth) readers can
   * see below it. Those not in the page come with GET /api/comments?parent=ID.
   */
  replies?: number
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

/**
 * GET /api/comments: one page of a thread. Without `parent`, a page of top-level comments in
 * `sort` order, each followed by its first replies (LIMITS.repliesPreview, oldest first); with
 * `parent=ID`, a page of the replies below top-level comment ID, oldest first.
 */
export interface ThreadResponse {
  uri: string
  /** Number of published comments in the whole thread. */
  total: number
  /** Flat; a reply comes after its parent and points at it with parentId. */
  comments: Comment[]
  /** Pass as `after` (with the same `sort`, or the same `parent`) for the next page; null at the end. */
  next: string | null
  sort: ThreadSort
  /** What voting the server allows, so the widget shows the matching buttons. */
  votes: VoteMode
  /** Present and true when the owner closed the thread: new comments answer 403 thread_closed. */
  closed?: boolean
}

/** POST /api/comments/:id/vote body. */
export interface VoteRequest {
  value: VoteValue
  /** The reader's random voter id, kept by the widget (LIMITS.voterMin to voterMax characters). */
  voter: string
}

export interface VoteResponse {
  /** The vote now counted for this reader. */
  value: VoteValue
  score: Score
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

/** POST /api/admin/login body. */
export interface AdminLoginRequest {
  password: string
}

/** GET /api/admin/comments query; every field narrows the list (no status, or `all`: any). */
export interface AdminCommentsQuery {
  status?: CommentStatus | 'all'
  /** One thread. */
  uri?: string
  /** Text, author name, email or thread, as the server searches them. */
  q?: string
  email?: string
  /** A client hash (AdminComment.client). */
  client?: string
  /** Default: `asc` (oldest first) for the pending queue, `desc` for every other view. */
  order?: 'asc' | 'desc'
  /** Default 50, at most LIMITS.adminPageMax. */
  limit?: number
  /** The `next` of the previous page: `before` when newest first, `after` when oldest first. */
  before?: number
  after?: number
}

export interface AdminCommentsResponse {
  comments: AdminComment[]
  /** Pass as `before` (newest-first views) or `after` (oldest-first) for the next page; null at the end. */
  next: number | null
}

export interface AdminCommentResponse {
  comment: AdminComment
}

/** PATCH /api/admin/comments/:id body: a new status, a new text, or both. */
export interface AdminCommentChange {
  status?: CommentStatus
  text?: string
}

/** POST /api/admin/comments/bulk body: at most LIMITS.adminPageMax ids, all or nothing. */
export interface AdminBulkRequest {
  ids: number[]
  status: CommentStatus
}

export interface AdminBulkResponse {
  comments: AdminComment[]
}

/** POST /api/admin/comments/:id/reply body: the owner's reply and the name shown beside the badge. */
export interface AdminReplyRequest {
  text: string
  name: string
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

/** PATCH /api/admin/threads body: close a thread to new comments, or open it again. */
export interface AdminThreadChange {
  uri: string
  closed: boolean
}

export interface AdminThreadResponse {
  thread: AdminThread
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

/** POST and DELETE /api/admin/bans: an email (or a domain, "@example.com") or a client hash. */
export type BanTarget = { email: string } | { client: string }

/** POST /api/admin/erase body. */
export interface EraseRequest {
  email: string
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
  | 'votes_disabled'
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
