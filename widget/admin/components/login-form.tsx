import { useRef, useState } from 'preact/hooks'
import { LIMITS } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { logIn } from '../stores/session.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { Logo } from './logo.tsx'

export interface LoginFormProps {
  t: AdminMessages
  /** The session ended by itself: say why the form is back. */
  hasEnded: boolean
}

/** The owner's password form; the server answers with the session cookie. */
export function LoginForm({ t, hasEnded }: LoginFormProps) {
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const input = useRef<HTMLInputElement>(null)

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    if (busy) return
    if (!password) {
      setError(t.passwordEmpty)
      input.current?.focus()
      return
    }
    setBusy(true)
    const failure = await logIn(password)
    setBusy(false)
    if (!failure) return
    setError(
      failure.code === 'rate_limited' && failure.retryAfter
        ? t.tooManyTries(failure.retryAfter)
        : t.errors[failure.code],
    )
    input.current?.select()
  }

  return (
    <main class="login">
      <div class="login-card">
        <h1 class="brand">
          <Logo />
          {t.appName}
        </h1>
        <p class="muted">{t.loginTitle}</p>
        {hasEnded && !error && (
          <p class="inline-notice" role="status">
            {t.errors.unauthorized}
          </p>
        )}
        <form class="stack" method="post" noValidate onSubmit={submit}>
          <label for="password">{t.password}</label>
          <input
            id="password"
            ref={input}
            class="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            // biome-ignore lint/a11y/noAutofocus: the only field on the page, and its purpose.
            autoFocus
            value={password}
            aria-invalid={error !== undefined}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          {error && (
            <p id="login-error" class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="button primary" aria-disabled={busy}>
            {busy ? t.loggingIn : t.logIn}
          </button>
        </form>
      </div>
      <LanguageSwitch t={t} />
    </main>
  )
}
