import type { CommentRow, PublicCommentRow } from '../store.ts'

// The column lists every SQLite query selects with, and the mapping of their values.

/** Every column of a comment, as CommentRow names them; the flags come back as 0 or 1. */
export const COMMENT_COLUMNS = `c.id, c.thread_id AS threadId, c.parent_id AS parentId, c.text,
  c.html, c.name, c.email, c.website, c.avatar, c.client_hash AS clientHash,
  c.token_hash AS tokenHash, c.status, c.created_at AS createdAt, c.edited_at AS editedAt,
  c.is_owner AS isOwner, c.notify, c.root_id AS rootId, c.visible, c.text_hash AS textHash,
  c.up, c.down, c.best_rank AS bestRank`

export const THREAD_COLUMNS =
  'id, uri, title, created_at AS createdAt, closed_at AS closedAt, version'

/** What readers may see of a comment: never the text, email, client or token hash. */
export const PUBLIC_COMMENT_COLUMNS = `c.id, c.parent_id AS parentId, c.html, c.name, c.website,
  c.avatar, c.status, c.created_at AS createdAt, c.edited_at AS editedAt, c.is_owner AS isOwner,
  c.up, c.down, c.best_rank AS bestRank`

type Flag = 'isOwner' | 'notify' | 'visible'

export type RawCommentRow = Omit<CommentRow, Flag> & Record<Flag, number>

export type RawPublicRow = Omit<PublicCommentRow, 'isOwner'> & { isOwner: number }

/** SQLite has no booleans: turns the 0/1 flags of a selected comment into booleans. */
export function commentFromSql<T extends RawCommentRow>(
  raw: T,
): Omit<T, Flag> & Pick<CommentRow, Flag> {
  return {
    ...raw,
    isOwner: raw.isOwner === 1,
    notify: raw.notify === 1,
    visible: raw.visible === 1,
  }
}

export function publicFromSql(raw: RawPublicRow): PublicCommentRow {
  return { ...raw, isOwner: raw.isOwner === 1 }
}
