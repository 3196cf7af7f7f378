import { useState } from 'preact/hooks'
import type { Blocklist } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { addEntry, removeEntry } from '../stores/blocklist.ts'

export interface BlocklistSectionProps {
  name: keyof Blocklist
  label: string
  hint: string
  entries: string[]
  t: AdminMessages
}

/** One list of the blocklist: its entries with Remove, and a field to add one. */
export function BlocklistSection({ name, label, hint, entries, t }: BlocklistSectionProps) {
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const ids = { heading: `${name}-title`, hint: `${name}-hint`, error: `${name}-error` }

  async function add(event: SubmitEvent) {
    event.preventDefault()
    const entry = value.trim()
    if (!entry || busy) return
    setBusy(true)
    const failure = await addEntry(name, entry)
    setBusy(false)
    setError(failure && t.errors[failure.code])
    if (!failure) setValue('')
  }

  return (
    <section class="card block" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{label}</h3>
      <p id={ids.hint} class="hint">
        {hint}
      </p>
      {entries.length === 0 ? (
        <p class="muted">{t.listNone}</p>
      ) : (
        <ul class="entries">
          {entries.map((entry) => (
            <li key={entry}>
              <code class="entry">{entry}</code>
              <button
                type="button"
                class="button small quiet"
                aria-label={t.removeEntry(entry)}
                onClick={() => removeEntry(name, entry)}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add" noValidate onSubmit={add}>
        <label for={`${name}-new`} class="sr-only">
          {t.newEntry(label)}
        </label>
        <input
          id={`${name}-new`}
          class="input"
          name={name}
          value={value}
          aria-invalid={error !== undefined}
          aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" class="button" aria-disabled={busy}>
          {t.add}
        </button>
        {error && (
          <p id={ids.error} class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}
