import { useStore } from '../../lib/use-store.ts'
import { $messages } from '../stores/language.ts'
import { $session, checkSession } from '../stores/session.ts'
import { AdminHeader } from './admin-header.tsx'
import { CurrentView } from './current-view.tsx'
import { LoginForm } from './login-form.tsx'
import { NavTabs } from './nav-tabs.tsx'
import { NoticeBar } from './notice-bar.tsx'

/** The whole panel: the login form, or the views behind it once logged in. */
export function AdminApp() {
  const t = useStore($messages)
  const session = useStore($session)

  if (session.status === 'checking') {
    return (
      <p class="boot" aria-busy="true">
        {t.loading}
      </p>
    )
  }
  if (session.status === 'error') {
    return (
      <main class="login">
        <div class="login-card">
          <p class="error" role="alert">
            {session.error && t.errors[session.error.code]}
          </p>
          <button type="button" class="button" onClick={() => checkSession()}>
            {t.retry}
          </button>
        </div>
      </main>
    )
  }
  if (session.status === 'out') return <LoginForm t={t} hasEnded={session.ended === true} />
  return (
    <>
      <AdminHeader t={t} info={session.info} />
      <NavTabs t={t} />
      <main id="main" class="content">
        <CurrentView t={t} />
      </main>
      <NoticeBar t={t} />
    </>
  )
}
