import { useEffect, useRef, useState } from 'preact/hooks'
import type { Messages } from '../i18n/en.ts'
import type { ThreadNode } from '../lib/thread-tree.ts'
import { loadWritePath } from '../stores/write-path.ts'
import { Avatar } from './avatar.tsx'
import { CommentActions, type Mode } from './comment-actions.tsx'
import { CommentBody } from './comment-body.tsx'
import { CommentHeader } from './comment-header.tsx'
import { CommentList } from './comment-list.tsx'
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
}

/** One comment, the form opened on it, and its replies. */
export function CommentItem({ node, ...shared }: CommentItemProps) {
  const { comment, replyTo, children } = node
  const { id, author, status } = comment
  const { t } = shared
  const [mode, setMode] = useState<Mode>('read')
  const article = useRef<HTMLElement>(null)
  const buttons = { reply: useRef<HTMLButtonElement>(null), edit: useRef<HTMLButtonElement>(null) }

  useEffect(() => {
    if (id === shared.focusId) article.current?.focus()
  }, [])

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
        class="causerie-comment"
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
    </li>
  )
}
