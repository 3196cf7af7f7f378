import { useRef, useState } from 'preact/hooks'
import { LIMITS } from '../../../server/contract.ts'
import type { ApiError } from '../../lib/api-error.ts'
import type { AdminMessages } from '../i18n/en.ts'

export interface TextFormProps {
  /** Names the form's elements. */
  id: string
  label: string
  initial: string
  /** Given for a reply: the name the owner signs it with. */
  initialName?: string
  submitLabel: string
  /** Resolves to the error, if any; the form closes otherwise. */
  onSubmit: (text: string, name?: string) => Promise<ApiError | undefined>
  /** Cancel, Escape and a success call it. */
  onClose: () => void
  t: AdminMessages
}

/** Edits a comment's Markdown, or writes the owner's reply to it. */
export function TextForm({
  id,
  label,
  initial,
  initialName,
  submitLabel,
  onSubmit,
  onClose,
  t,
}: TextFormProps) {
  const [text, setText] = useState(initial)
  const [name, setName] = useState(initialName ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const textarea = useRef<HTMLTextAreaElement>(null)
  const errorId = `${id}-error`
  const isReply = initialName !== undefined

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    if (busy) return
    if (!text.trim()) {
      setError(t.textEmpty)
      textarea.current?.focus()
      return
    }
    setBusy(true)
    const failure = await onSubmit(text, isReply ? name.trim() : undefined)
    setBusy(false)
    if (!failure) return onClose()
    setError(t.errors[failure.code])
    textarea.current?.focus()
  }

  return (
    <form
      class="text-form stack"
      noValidate
      aria-busy={busy}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose()
      }}
    >
      <label for={`${id}-text`}>{label}</label>
      <textarea
        id={`${id}-text`}
        ref={textarea}
        class="input"
        name="text"
        rows={isReply ? 4 : 6}
        // biome-ignore lint/a11y/noAutofocus: opened by a button that asked for this very field.
        autoFocus
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      {isReply && (
        <div class="field">
          <label for={`${id}-name`}>{t.yourName}</label>
          <input
            id={`${id}-name`}
            class="input"
            name="name"
            autoComplete="name"
            maxLength={LIMITS.nameMax}
            aria-describedby={`${id}-name-hint`}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <span id={`${id}-name-hint`} class="hint">
            {t.yourNameHint}
          </span>
        </div>
      )}
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>
          {t.cancel}
        </button>
        <button type="submit" class="button primary" aria-disabled={busy}>
          {busy ? t.saving : submitLabel}
        </button>
      </div>
    </form>
  )
}
