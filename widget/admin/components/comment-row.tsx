import { useRef, useState } from 'preact/hooks'
import type { AdminComment } from '../../../server/contract.ts'
import { CommentBody } from '../../components/comment-body.tsx'
import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { editText, reply, toggleSelected } from '../stores/comments.ts'
import { $ownerName } from '../stores/owner-name.ts'
import { CommentMeta } from './comment-meta.tsx'
import { type Mode, RowActions } from './row-actions.tsx'
import { TextForm } from './text-form.tsx'

export interface CommentRowProps {
  comment: AdminComment
  isSelected: boolean
  isEmailBanned: boolean
  isClientBanned: boolean
  now: number
  t: AdminMessages
}

/** One comment: who wrote it where, what it says, and what the owner can do with it. */
export function CommentRow({ comment, isSelected, now, t, ...bans }: CommentRowProps) {
  const [mode, setMode] = useState<Mode>('read')
  const ownerName = useStore($ownerName)
  const openers = { edit: useRef<HTMLButtonElement>(null), reply: useRef<HTMLButtonElement>(null) }
  const { id, status } = comment
  const name = comment.author.name || t.anonymous
  const authorId = `comment-${id}-author`
  // Deleted by its author: the server kept nothing to show or restore.
  const isGone = status === 'deleted' && comment.text === ''

  // Escape, Cancel or a save: the focus goes back to the button that opened the form.
  function close() {
    const opener = mode === 'read' ? null : openers[mode].current
    setMode('read')
    opener?.focus()
  }

  return (
    <li>
      <article
        id={`comment-${id}`}
        class={`row row-${status}${isSelected ? ' row-selected' : ''}`}
        tabIndex={-1}
        aria-labelledby={authorId}
      >
        <input
          type="checkbox"
          class="row-check"
          checked={isSelected}
          aria-label={t.selectComment(name)}
          onChange={() => toggleSelected(id)}
        />
        <div class="row-main">
          <CommentMeta comment={comment} authorId={authorId} now={now} t={t} />
          {mode === 'edit' ? (
            <TextForm
              id={`edit-${id}`}
              label={t.textLabel}
              initial={comment.text}
              submitLabel={t.save}
              onSubmit={(text) => editText(id, text)}
              onClose={close}
              t={t}
            />
          ) : isGone ? (
            <p class="muted">{t.deletedByAuthor}</p>
          ) : (
            <CommentBody html={comment.html} />
          )}
          <RowActions
            comment={comment}
            name={name}
            mode={mode}
            onToggle={(next) => setMode(mode === next ? 'read' : next)}
            openers={openers}
            isGone={isGone}
            t={t}
            {...bans}
          />
          {mode === 'reply' && (
            <TextForm
              id={`reply-${id}`}
              label={t.replyLabel(name)}
              initial=""
              initialName={ownerName}
              submitLabel={t.publishReply}
              onSubmit={(text, signed) => reply(id, text, signed ?? '')}
              onClose={close}
              t={t}
            />
          )}
        </div>
      </article>
    </li>
  )
}
