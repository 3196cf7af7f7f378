import { atom, computed } from 'nanostores'
import { readStorage, writeStorage } from '../../lib/storage.ts'
import { type AdminMessages, en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'

export type Lang = 'en' | 'fr'

const KEY = 'causerie-admin:lang'
const CATALOGS: Record<Lang, AdminMessages> = { en, fr }

/** The panel's language: the one chosen with the switch, else the browser's, else English. */
export const $lang = atom<Lang>('en')

export const $messages = computed($lang, (lang) => CATALOGS[lang])

/** Picks the language once, at start: a stored choice wins over `browserLanguage`. */
export function loadLang(browserLanguage: string): void {
  const stored = readStorage(KEY)
  if (stored === 'en' || stored === 'fr') $lang.set(stored)
  else $lang.set(browserLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en')
}

/** Switches the panel's language and remembers the choice in this browser. */
export function chooseLang(lang: Lang): void {
  $lang.set(lang)
  writeStorage(KEY, lang)
}
