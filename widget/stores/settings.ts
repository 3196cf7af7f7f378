import { atom } from 'nanostores'
import { en, type Messages } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'

export type Lang = 'en' | 'fr'
export type Theme = 'auto' | 'light' | 'dark'

/** What the blogger chose in the script tag's data-* attributes (see embed.ts). */
export interface Settings {
  /** Thread key. */
  uri: string
  /** The page's title, sent with a new comment so the admin panel can name the thread. */
  title: string
  lang: Lang
  theme: Theme
}

export const $settings = atom<Settings>({ uri: '/', title: '', lang: 'en', theme: 'auto' })

/** The catalog of the reader's language. */
export const $messages = atom<Messages>(en)

/** Applies the blogger's options, once, when the widget is mounted. */
export function applySettings(settings: Settings): void {
  $settings.set(settings)
  $messages.set(settings.lang === 'fr' ? fr : en)
}
