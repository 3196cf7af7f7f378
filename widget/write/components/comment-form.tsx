import { useState } from 'preact/hooks'
import { HONEYPOT_FIELD } from '../../../server/contract.ts'
import { useStore } from '../../lib/use-store.ts'
import { $messages } from '../../stores/settings.ts'
import { checkText, explainError } from '../lib/check-draft.ts'
import { submitComment } from '../stores/draft.ts'
import { $identity, type Identity } from '../stores/identity.ts'
import { FormActions } from './form-actions.tsx'
import { IdentityFields } from './identity-fields.tsx'
import { MarkdownField } from './markdown-field.tsx'
import { useSubmit } from './use-submit.ts'

export interface CommentFormProps {
  /** The comment answered; a new top-level comment without it. */
  parentId?: number
  /** Its author's name, for the textarea's label. */
  replyTo?: string
  autoFocus?: boolean
  /** Cancel and Escape call it; without it, there is nothing to cancel. */
  onCancel?: () => void
  onPosted?: () => void
}

/** Writes a new comment or a reply. */
export function CommentForm({
  parentId,
  replyTo,
  autoFocus,
  onCancel,
  onPosted,
}: CommentFormProps) {
  const t = useStore($messages)
  const [text, setText] = useState('')
  const [identity, setIdentity] = useState<Identity>(() => $identity.get())
  const [notify, setNotify] = useState(false)
  const hasEmail = identity.email.trim() !== ''

  const formId = parentId ? `reply-${parentId}` : 'new'
  const submission = useSubmit(formId, async () => {
    const problem = checkText(text, t)
    if (problem) return problem
    // People never see the trap, so never fill it; form-filling bots do (contract.ts).
    const trap = submission.form.current?.elements.namedItem(HONEYPOT_FIELD) as HTMLInputElement
    const failure = await submitComment({
      ...identity,
      text,
      parentId,
      notify: notify && hasEmail,
      trap: trap?.value,
    })
    if (failure) return explainError(failure, t)
    setText('')
    onPosted?.()
  })
  const { problem, errorId } = submission

  return (
    <form
      ref={submission.form}
      class="causerie-form"
      noValidate
      aria-busy={submission.busy}
      onSubmit={submission.onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel()
      }}
    >
      <MarkdownField
        id={`causerie-${formId}-text`}
        label={replyTo ? t.replyLabel(replyTo) : t.textLabel}
        value={text}
        onInput={setText}
        errorId={problem?.field === 'text' ? errorId : undefined}
        autoFocus={autoFocus || parentId !== undefined}
        t={t}
      />
      <IdentityFields
        identity={identity}
        onInput={setIdentity}
        invalid={problem?.field}
        errorId={errorId}
        t={t}
      />
      <label class="causerie-check">
        <input
          type="checkbox"
          name="notify"
          checked={notify && hasEmail}
          disabled={!hasEmail}
          onChange={(event) => setNotify(event.currentTarget.checked)}
        />
        {t.notify}
      </label>
      <input
        class="causerie-trap"
        name={HONEYPOT_FIELD}
        tabIndex={-1}
        autoComplete="off"
        aria-hidden="true"
      />
      <FormActions
        submission={submission}
        submitLabel={t.submit}
        busyLabel={t.sending}
        cancelLabel={t.cancel}
        onCancel={onCancel}
      />
    </form>
  )
}
