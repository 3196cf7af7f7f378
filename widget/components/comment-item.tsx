import { useEffect, useRef, useState } from 'preact/hooks'
import type { VoteMode } from '../../server/contract.ts'
import type { Messages } from '../i18n/en.ts'
import { plural } from '../lib/plural.ts'
import { countReplies, type ThreadNode } from '../lib/thread-tree.ts'
import { loadReplies } from '../stores/thread.ts'
import { loadWritePath } from '../stores/write-path.ts'
import { Avatar } from './avatar.tsx'
import { CommentActions, type Mode } from './comment-actions.tsx'
import { CommentBody } from './comment-body.tsx'
import { CommentHeader } from './comment-header.tsx'
import { CommentList } from './comment-list.tsx'
import { MoreButton } from './more-button.tsx'
import { WritePath } from './write-path.tsx'

export interface CommentItemProps {
  node: ThreadNode
  /** 0 for a top-level comment. */
  depth: number
  now: number
  t: Messages
  /** Ids of the reader's own comments that can still be edited. */
  editable: Set<number>
  /** The comment just posted, to focus once painted. */
  focusId?: number
  /** The thread takes no new comments, replies included. */
  isClosed?: boolean
  votes?: VoteMode
  /** The comment the page's address links to, highlighted. */
  targetId?: number
  /** Top-level comment id → cursor of its replies not shown yet; null once all are shown. */
  replyCursors?: Record<number, string | null>
}

/** One comment, the form opened on it, and its replies. */
export function CommentItem({ node, ...shared }: CommentItemProps) {
  const { comment, replyTo, children } = node
  const { id, author, status } = comment
  const { t } = shared
  const [mode, setMode] = useState<Mode>('read')
  const article = useRef<HTMLElement>(null)
  const buttons = { reply: useRef<HTMLButtonElement>(null), edit: useRef<HTMLButtonElement>(null) }
  // Only top-level comments count their replies (Comment.replies); the rest come by pages.
  const hidden = (comment.replies ?? 0) - countReplies(node)
  const canShowMore = hidden > 0 && shared.replyCursors?.[id] !== null

  useEffect(() => {
    if (id === shared.focusId) article.current?.focus()
  }, [shared.focusId])

  function toggle(next: Mode) {
    setMode(mode === next ? 'read' : next)
    loadWritePath()
  }

  // Escape, Cancel or Save: the focus goes back to the button that opened the form.
  function close() {
    if (mode !== 'read') buttons[mode].current?.focus()
    setMode('read')
  }

  return (
    <li>
      <article
        id={`causerie-comment-${id}`}
        class={id === shared.targetId ? 'causerie-comment causerie-target' : 'causerie-comment'}
        tabIndex={-1}
        ref={article}
        aria-labelledby={status === 'deleted' ? undefined : `causerie-author-${id}`}
      >
        {status === 'deleted' ? (
          <p class="causerie-deleted">{t.deleted}</p>
        ) : (
          <>
            <Avatar seed={author.avatar} />
            <CommentHeader comment={comment} replyTo={replyTo} now={shared.now} t={t} />
            {mode === 'edit' ? (
              <WritePath>{(w) => <w.CommentEditor id={id} onClose={close} />}</WritePath>
            ) : (
              <CommentBody html={comment.html} />
            )}
            <CommentActions
              comment={comment}
              canReply={status === 'published' && !shared.isClosed}
              canEdit={shared.editable.has(id)}
              mode={mode}
              onToggle={toggle}
              buttons={buttons}
              votes={shared.votes}
              t={t}
            />
          </>
        )}
      </article>
      {mode === 'reply' && (
        <div class="causerie-reply">
          <WritePath>
            {(w) => (
              <w.CommentForm
                parentId={id}
                replyTo={author.name || t.anonymous}
                onCancel={close}
                onPosted={() => setMode('read')}
              />
            )}
          </WritePath>
        </div>
      )}
      {children.length > 0 && <CommentList nodes={children} {...shared} depth={shared.depth + 1} />}
      {canShowMore && (
        <div class="causerie-replies">
          <MoreButton
            label={plural(t.locale, hidden, t.moreReplies)}
            onLoad={() => loadReplies(id)}
            t={t}
          />
        </div>
      )}
    </li>
  )
}
