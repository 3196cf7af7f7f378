import type { AdminMessages } from '../i18n/en.ts'
import { chooseLang } from '../stores/language.ts'

export interface LanguageSwitchProps {
  t: AdminMessages
}

/** Offers the other language, named in that language. */
export function LanguageSwitch({ t }: LanguageSwitchProps) {
  const other = t.locale === 'fr' ? 'en' : 'fr'
  return (
    <button
      type="button"
      class="button quiet"
      lang={other}
      aria-label={t.otherLanguageLabel}
      onClick={() => chooseLang(other)}
    >
      {t.otherLanguage}
    </button>
  )
}
