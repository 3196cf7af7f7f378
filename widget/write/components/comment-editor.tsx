import { useState } from 'preact/hooks'
import { useStore } from '../../lib/use-store.ts'
import { $messages } from '../../stores/settings.ts'
import { $tokens, editOwnComment } from '../../stores/tokens.ts'
import { checkText, explainError } from '../lib/check-draft.ts'
import { FormActions } from './form-actions.tsx'
import { MarkdownField } from './markdown-field.tsx'
import { useSubmit } from './use-submit.ts'

export interface CommentEditorProps {
  /** One of the reader's own comments, still inside its edit window. */
  id: number
  /** Cancel, Escape and a successful save call it. */
  onClose: () => void
}

/** Edits the text of an own comment in place. */
export function CommentEditor({ id, onClose }: CommentEditorProps) {
  const t = useStore($messages)
  const [text, setText] = useState(() => $tokens.get()[id]?.text ?? '')

  const submission = useSubmit(`edit-${id}`, async () => {
    const problem = checkText(text, t)
    if (problem) return problem
    const failure = await editOwnComment(id, text)
    if (failure) return explainError(failure, t)
    onClose()
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
        if (event.key === 'Escape') onClose()
      }}
    >
      <MarkdownField
        id={`causerie-edit-${id}-text`}
        label={t.textLabel}
        value={text}
        onInput={setText}
        errorId={problem?.field === 'text' ? errorId : undefined}
        autoFocus
        t={t}
      />
      <FormActions
        submission={submission}
        submitLabel={t.save}
        busyLabel={t.sending}
        cancelLabel={t.cancel}
        onCancel={onClose}
      />
    </form>
  )
}
