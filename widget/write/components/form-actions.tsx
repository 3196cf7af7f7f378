import type { Submission } from './use-submit.ts'

export interface FormActionsProps {
  submission: Submission
  submitLabel: string
  busyLabel: string
  cancelLabel: string
  onCancel?: () => void
}

/** The problem, if any, then Cancel and the submit button. */
export function FormActions({
  submission,
  submitLabel,
  busyLabel,
  cancelLabel,
  onCancel,
}: FormActionsProps) {
  const { busy, problem, errorId } = submission
  return (
    <div class="causerie-form-actions">
      {problem && (
        <p id={errorId} class="causerie-error" role="alert">
          {problem.message}
        </p>
      )}
      {onCancel && (
        <button type="button" class="causerie-button" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
      <button type="submit" class="causerie-button causerie-primary" aria-disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  )
}
