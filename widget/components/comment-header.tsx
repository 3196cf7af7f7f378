import type { Comment } from '../../server/contract.ts'
import type { Messages } from '../i18n/en.ts'
import { fullDate } from '../lib/time-ago.ts'
import { httpUrl } from '../lib/website.ts'
import { RelativeTime } from './relative-time.tsx'

export interface CommentHeaderProps {
  comment: Comment
  /** The comment answered, when this one is shown flat, away from it. */
  replyTo?: Comment
  now: number
  t: Messages
}

/** Author, date and status of a comment. Names and websites are text, never HTML. */
export function CommentHeader({ comment, replyTo, now, t }: CommentHeaderProps) {
  const { id, author, createdAt, editedAt, status } = comment
  const website = author.website ? httpUrl(author.website) : undefined
  const name = author.name || t.anonymous
  const authorId = `causerie-author-${id}`
  return (
    <div class="causerie-meta">
      {website ? (
        <a id={authorId} class="causerie-author" href={website} rel="nofollow ugc noopener">
          {name}
        </a>
      ) : (
        <span id={authorId} class="causerie-author">
          {name}
        </span>
      )}
      {comment.isOwner && <b class="causerie-badge">{t.author}</b>}
      <a href={`#causerie-comment-${id}`}>
        <RelativeTime iso={createdAt} now={now} locale={t.locale} />
      </a>
      {editedAt && <span title={fullDate(editedAt, t.locale)}>{t.edited}</span>}
      {replyTo && (
        <a href={`#causerie-comment-${replyTo.id}`}>
          {t.inReplyTo(replyTo.author.name || t.anonymous)}
        </a>
      )}
      {status === 'pending' && <em>{t.pending}</em>}
    </div>
  )
}
