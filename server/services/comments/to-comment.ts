import type { Comment } from '../../contract.ts'
import type { PublicCommentRow } from '../../store/store.ts'

/** The public view of a stored comment: never the email, text, client or token hash. */
export function toComment(row: PublicCommentRow): Comment {
  const isDeleted = row.status === 'deleted'
  return {
    id: row.id,
    parentId: row.parentId,
    author: isDeleted
      ? { name: '', website: null, avatar: '' }
      : { name: row.name, website: row.website, avatar: row.avatar },
    html: isDeleted ? '' : row.html,
    createdAt: isoTime(row.createdAt),
    editedAt: row.editedAt === null ? null : isoTime(row.editedAt),
    status: row.status,
    // Only when true, so that every other comment keeps its documented shape.
    ...(row.isOwner && !isDeleted ? { isOwner: true } : {}),
  }
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}
