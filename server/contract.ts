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
} as const

/** Default edit window, in minutes; CAUSERIE_EDIT_MINUTES overrides it. */
export const DEFAULT_EDIT_MINUTES = 15

export type CommentStatus = 'published' | 'pending' | 'spam' | 'deleted'

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
}

export interface AdminComment extends Comment {
  email: string | null
  uri: string
  text: string
}

export interface ThreadResponse {
  uri: string
  /** Number of published comments. */
  total: number
  /** Oldest first, flat; replies point at their parent with parentId. */
  comments: Comment[]
}

export interface NewComment {
  uri: string
  text: string
  parentId?: number | null
  name?: string
  email?: string
  website?: string
  title?: string
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
