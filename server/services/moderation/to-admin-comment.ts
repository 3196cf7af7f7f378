import type { AdminComment, AdminThread } from '../../contract.ts'
import type { AdminCommentRow, ThreadSummaryRow } from '../../store/store.ts'
import { isoTime, toComment } from '../comments/to-comment.ts'

/** The admin's view of a comment: the public one plus email, text, thread and client hash. */
export function toAdminComment(row: AdminCommentRow): AdminComment {
  return {
    ...toComment(row),
    // An admin delete keeps what was written, so that it can be undone.
    author: { name: row.name, website: row.website, avatar: row.avatar },
    html: row.html,
    text: row.text,
    email: row.email,
    uri: row.uri,
    threadTitle: row.threadTitle,
    client: row.clientHash,
    isOwner: row.isOwner,
    notify: row.notify,
  }
}

export function toAdminThread(row: ThreadSummaryRow): AdminThread {
  return {
    uri: row.uri,
    title: row.title,
    closed: row.closedAt !== null,
    createdAt: isoTime(row.createdAt),
    lastCommentAt: row.lastCommentAt === null ? null : isoTime(row.lastCommentAt),
    counts: row.counts,
  }
}
