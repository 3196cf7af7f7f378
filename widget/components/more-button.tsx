import { useState } from 'preact/hooks'
import type { Messages } from '../i18n/en.ts'
import type { ApiError } from '../lib/api-error.ts'

export interface MoreButtonProps {
  label: string
  /** Loads and shows more comments; resolves to the error, if any. */
  onLoad: () => Promise<ApiError | undefined>
  t: Messages
}

/**
 * "Show more comments" and its kin. Busy while it loads; the store then focuses the first comment
 * it brought, or the focus stays here (on an error, shown beside it).
 */
export function MoreButton({ label, onLoad, t }: MoreButtonProps) {
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function load() {
    if (isBusy) return
    setBusy(true)
    setError(undefined)
    const failure = await onLoad()
    setBusy(false)
    if (failure) setError(t.errors[failure.code])
  }

  return (
    <p class="causerie-more">
      <button
        type="button"
        class="causerie-button"
        aria-busy={isBusy}
        aria-disabled={isBusy}
        onClick={load}
      >
        {isBusy ? t.loading : label}
      </button>
      {error && (
        <span class="causerie-error" role="alert">
          {error}
        </span>
      )}
    </p>
  )
}
