import type { RefObject } from 'preact'
import { useState } from 'preact/hooks'
import type { Comment, VoteMode } from '../../server/contract.ts'
import type { Messages } from '../i18n/en.ts'
import { copyCommentLink } from '../lib/comment-link.ts'
import { announce } from '../stores/announcement.ts'
import { deleteOwnComment } from '../stores/tokens.ts'
import { VoteButtons } from './vote-buttons.tsx'

export type Mode = 'read' | 'reply' | 'edit'

export interface CommentActionsProps {
  comment: Comment
  /** Published, in a thread still open to comments. */
  canReply: boolean
  /** The reader wrote this comment and its edit window is open. */
  canEdit: boolean
  /** Which form is open on the comment. */
  mode: Mode
  onToggle: (mode: Mode) => void
  /** The Reply and Edit buttons, to which the focus returns when their form closes. */
  buttons: Record<'reply' | 'edit', RefObject<HTMLButtonElement | null>>
  /** What voting the server allows; no buttons when absent or off. */
  votes?: VoteMode
  t: Messages
}

/**
 * Votes, Reply, Link, and for the reader's own comments Edit and Delete, with an inline
 * confirmation.
 */
export function CommentActions({
  comment,
  canReply,
  canEdit,
  mode,
  onToggle,
  buttons,
  votes = 'off',
  t,
}: CommentActionsProps) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()

  async function remove(event: Event) {
    const root = (event.currentTarget as Element).getRootNode() as ShadowRoot
    const failure = await deleteOwnComment(comment.id)
    if (failure) return setError(t.errors[failure.code])
    // The comment is gone, and the focus with it: hand it to the thread's heading.
    root.getElementById('causerie-heading')?.focus()
  }

  const toggle = (target: 'reply' | 'edit', label: string) => (
    <button
      type="button"
      class="causerie-text-button"
      ref={buttons[target]}
      aria-expanded={mode === target}
      onClick={() => onToggle(target)}
    >
      {label}
    </button>
  )

  return (
    <>
      <div class="causerie-actions">
        {votes !== 'off' && comment.status === 'published' && (
          <VoteButtons comment={comment} mode={votes} t={t} />
        )}
        {canReply && toggle('reply', t.reply)}
        <button
          type="button"
          class="causerie-text-button"
          onClick={async () =>
            announce((await copyCommentLink(comment.id)) ? 'linkCopied' : 'linkInAddressBar')
          }
        >
          {t.link}
        </button>
        {canEdit && toggle('edit', t.edit)}
        {canEdit && (
          <button
            type="button"
            class="causerie-text-button"
            aria-expanded={confirming}
            onClick={() => setConfirming(!confirming)}
          >
            {t.delete}
          </button>
        )}
      </div>
      {confirming && (
        <div class="causerie-confirm">
          <span>{t.confirmDelete}</span>
          <button type="button" class="causerie-button causerie-danger" onClick={remove}>
            {t.delete}
          </button>
          <button type="button" class="causerie-button" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
          {error && (
            <p class="causerie-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </>
  )
}
