import type { RefObject } from 'preact'
import type { AdminComment } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { banAuthor, unbanAuthor } from '../stores/blocklist.ts'
import { changeStatus } from '../stores/comments.ts'

export type Mode = 'read' | 'edit' | 'reply'

export interface RowActionsProps {
  comment: AdminComment
  /** The author's name as shown. */
  name: string
  /** Which form is open on the comment. */
  mode: Mode
  onToggle: (mode: Exclude<Mode, 'read'>) => void
  /** Edit and Reply, to which the focus returns when their form closes. */
  openers: Record<'edit' | 'reply', RefObject<HTMLButtonElement | null>>
  /** Deleted by its author: nothing is left to edit, restore or answer. */
  isGone: boolean
  isEmailBanned: boolean
  isClientBanned: boolean
  t: AdminMessages
}

/** Approve, Spam, Delete, Edit, Reply, and the bans, for one comment. */
export function RowActions({
  comment,
  name,
  mode,
  onToggle,
  openers,
  isGone,
  isEmailBanned,
  isClientBanned,
  t,
}: RowActionsProps) {
  const { id, status, email, client } = comment
  const toggle = (target: 'edit' | 'reply', label: string) => (
    <button
      type="button"
      class="button small quiet"
      ref={openers[target]}
      aria-expanded={mode === target}
      onClick={() => onToggle(target)}
    >
      {label}
    </button>
  )

  return (
    <fieldset class="actions">
      <legend class="sr-only">{t.actions(name)}</legend>
      {status !== 'published' && !isGone && (
        <button
          type="button"
          class="button small primary"
          onClick={() => changeStatus([id], 'published')}
        >
          {status === 'deleted' ? t.restore : t.approve}
        </button>
      )}
      {status !== 'spam' && !isGone && (
        <button type="button" class="button small" onClick={() => changeStatus([id], 'spam')}>
          {t.spam}
        </button>
      )}
      {status !== 'deleted' && (
        <button
          type="button"
          class="button small danger"
          onClick={() => changeStatus([id], 'deleted')}
        >
          {t.delete}
        </button>
      )}
      {!isGone && toggle('edit', t.edit)}
      {(status === 'published' || status === 'pending') && toggle('reply', t.reply)}
      {!comment.isOwner && (
        <span class="actions-more">
          {email && (
            <button
              type="button"
              class="button small quiet"
              onClick={() =>
                isEmailBanned ? unbanAuthor({ email }, email) : banAuthor({ email }, email)
              }
            >
              {isEmailBanned ? t.unbanEmail : t.banEmail}
            </button>
          )}
          {/* An erased comment has no client hash left to ban. */}
          {client && (
            <button
              type="button"
              class="button small quiet"
              onClick={() =>
                isClientBanned
                  ? unbanAuthor({ client }, t.thisClient)
                  : banAuthor({ client }, t.thisClient)
              }
            >
              {isClientBanned ? t.unbanClient : t.banClient}
            </button>
          )}
        </span>
      )}
    </fieldset>
  )
}
