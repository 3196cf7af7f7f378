import type { AdminSessionResponse } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { report } from '../stores/notice.ts'
import { logOut } from '../stores/session.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { Logo } from './logo.tsx'

export interface AdminHeaderProps {
  t: AdminMessages
  info?: AdminSessionResponse
}

/** The panel's name, the moderation mode, the language switch and Log out. */
export function AdminHeader({ t, info }: AdminHeaderProps) {
  async function leave() {
    const failure = await logOut()
    if (failure) report(failure)
  }

  return (
    <header class="topbar">
      <div class="topbar-inner">
        <p class="brand">
          <Logo />
          <span>{t.appName}</span>
          <span class="brand-sub">{t.panel}</span>
        </p>
        {info && <p class="mode">{t.modes[info.moderation]}</p>}
        <div class="topbar-actions">
          <LanguageSwitch t={t} />
          <button type="button" class="button" onClick={leave}>
            {t.logOut}
          </button>
        </div>
      </div>
    </header>
  )
}
