import { atom } from 'nanostores'
import type { Messages } from '../i18n/en.ts'

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

/**
 * The catalog of the reader's language. Each catalog is a chunk of its own, which the loader
 * downloads next to the widget's; applySettings() sets it before anything is rendered.
 */
export const $messages = atom({} as Messages)

/** Applies the blogger's options and the reader's catalog, once, when the widget is mounted. */
export function applySettings(settings: Settings, messages: Messages): void {
  $settings.set(settings)
  $messages.set(messages)
}
