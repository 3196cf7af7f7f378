import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminMessages } from '../i18n/en.ts'
import { eraseReader } from '../stores/erasure.ts'

export interface EraseFormProps {
  t: AdminMessages
}

/**
 * A reader's right to erasure in one action: type the address, confirm, done. The outcome is
 * announced in the panel's live region (stores/notice.ts).
 */
export function EraseForm({ t }: EraseFormProps) {
  const [value, setValue] = useState('')
  const [confirming, setConfirming] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const confirmRef = useRef<HTMLButtonElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const hasAsked = useRef(false)

  // Keyboard and screen-reader users land on the step that appeared, and back on the field.
  useEffect(() => {
    if (confirming !== undefined) {
      hasAsked.current = true
      confirmRef.current?.focus()
    } else if (hasAsked.current) {
      inputRef.current?.focus()
    }
  }, [confirming])

  function ask(event: SubmitEvent) {
    event.preventDefault()
    const email = value.trim()
    if (email) setConfirming(email)
  }

  async function erase(email: string) {
    if (busy) return
    setBusy(true)
    const failure = await eraseReader(email)
    setBusy(false)
    setConfirming(undefined)
    setError(failure && t.errors[failure.code])
    if (!failure) setValue('')
  }

  return (
    <section class="card block" aria-labelledby="erase-title">
      <h3 id="erase-title">{t.eraseTitle}</h3>
      <p id="erase-hint" class="hint">
        {t.eraseHint}
      </p>
      {confirming === undefined ? (
        <form class="add" noValidate onSubmit={ask}>
          <label for="erase-email" class="sr-only">
            {t.eraseLabel}
          </label>
          <input
            ref={inputRef}
            id="erase-email"
            class="input"
            type="email"
            name="email"
            autoComplete="off"
            value={value}
            aria-invalid={error !== undefined}
            aria-describedby={error ? 'erase-error erase-hint' : 'erase-hint'}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
          <button type="submit" class="button">
            {t.erase}
          </button>
          {error && (
            <p id="erase-error" class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <div class="add">
          <p id="erase-confirm">{t.eraseConfirm(confirming)}</p>
          <button
            ref={confirmRef}
            type="button"
            class="button danger"
            aria-describedby="erase-confirm"
            aria-disabled={busy}
            onClick={() => erase(confirming)}
          >
            {t.eraseForGood}
          </button>
          <button type="button" class="button quiet" onClick={() => setConfirming(undefined)}>
            {t.cancel}
          </button>
        </div>
      )}
    </section>
  )
}
