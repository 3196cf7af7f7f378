import type { AdminComment } from '../../../server/contract.ts'
import { fullDate, timeAgo } from '../../lib/time-ago.ts'
import { httpUrl } from '../../lib/website.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { routeHash } from '../lib/route.ts'

export interface CommentMetaProps {
  comment: AdminComment
  /** Id of the author's name: it names the whole row. */
  authorId: string
  now: number
  t: AdminMessages
}

/** Author, email, website, client, thread and date, all as text: a reader wrote every one. */
export function CommentMeta({ comment, authorId, now, t }: CommentMetaProps) {
  const { author, email, client, uri, threadTitle, createdAt, editedAt, status } = comment
  const website = author.website ? httpUrl(author.website) : undefined
  return (
    <div class="meta">
      <p class="meta-head">
        <strong id={authorId} class="author">
          {author.name || t.anonymous}
        </strong>
        {comment.isOwner && <span class="badge badge-owner">{t.ownerBadge}</span>}
        <span class={`badge status-${status}`}>{t.status[status]}</span>
        <time dateTime={createdAt} title={fullDate(createdAt, t.locale)}>
          {timeAgo(createdAt, now, t.locale)}
        </time>
        {editedAt && <span class="muted">{t.edited}</span>}
      </p>
      <p class="meta-line">
        <span class={email ? undefined : 'muted'}>{email ?? t.noEmail}</span>
        {author.website &&
          (website ? (
            <a href={website} target="_blank" rel="noopener noreferrer nofollow">
              {author.website}
            </a>
          ) : (
            <span>{author.website}</span>
          ))}
        {!comment.isOwner && (
          <span title={client}>
            {t.client} <code>{client.slice(0, 8)}</code>
          </span>
        )}
        {comment.notify && <span>{t.notifies}</span>}
        <span>
          {t.onThread}{' '}
          <a href={routeHash({ name: 'thread', uri })} title={threadTitle ?? undefined}>
            {uri}
          </a>
        </span>
      </p>
    </div>
  )
}
