import { useState } from 'preact/hooks'
import { checkText, explainError } from '../lib/check-draft.ts'
import { useStore } from '../lib/use-store.ts'
import { submitComment } from '../stores/draft.ts'
import { $identity, type Identity } from '../stores/identity.ts'
import { $messages } from '../stores/settings.ts'
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

  const formId = parentId ? `reply-${parentId}` : 'new'
  const submission = useSubmit(formId, async () => {
    const problem = checkText(text, t)
    if (problem) return problem
    const failure = await submitComment({ ...identity, text, parentId })
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
