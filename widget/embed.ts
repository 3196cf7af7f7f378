// The loader: the one classic script a blogger pastes. It stays tiny and dependency-free, and
// does only what cannot wait for the widget chunk: read the options, fill comment counts, start
// the thread request, then import() the widget and the reader's catalog, all from the origin it
// was itself loaded from.
import { type CountsResponse, LIMITS } from '../server/contract.ts'
import type { Messages } from './i18n/en.ts'
import { readSort } from './lib/sort-preference.ts'
import type { Lang, Theme } from './stores/settings.ts'

/** Paths of the widget's entry chunk and of each catalog's, baked in by scripts/build.mjs. */
declare const __CAUSERIE_ENTRY__: string
declare const __CAUSERIE_CATALOGS__: Record<Lang, string>

const THEMES: Theme[] = ['auto', 'light', 'dark']

function warn(message: string): void {
  console.warn(`Causerie: ${message}`)
}

function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run)
  else run()
}

function pickLang(option: string | undefined): Lang {
  const lang = (option || document.documentElement.lang || navigator.language || 'en').toLowerCase()
  if (import.meta.env.DEV && option && !/^(en|fr)\b/.test(lang)) {
    warn(`data-lang="${option}" is not a supported language (en, fr); using en.`)
  }
  return lang.startsWith('fr') ? 'fr' : 'en'
}

function pickTheme(option: string | undefined): Theme {
  if (THEMES.includes(option as Theme)) return option as Theme
  if (import.meta.env.DEV && option !== undefined) {
    warn(`data-theme="${option}" should be auto, light or dark; using auto.`)
  }
  return 'auto'
}

/** Replaces the text of every [data-causerie-count] with its thread's number of comments. */
function fillCounts(origin: string): void {
  const elements = document.querySelectorAll<HTMLElement>('[data-causerie-count]')
  const keys = [...new Set([...elements].map((element) => element.dataset.causerieCount ?? ''))]
  for (let start = 0; start < keys.length; start += LIMITS.countsMax) {
    const query = new URLSearchParams()
    for (const key of keys.slice(start, start + LIMITS.countsMax)) query.append('uri', key)
    fetch(`${origin}/api/counts?${query}`)
      .then((response) => (response.ok ? (response.json() as Promise<CountsResponse>) : undefined))
      .then((answer) => {
        for (const element of elements) {
          const count = answer?.counts[element.dataset.causerieCount ?? '']
          if (typeof count === 'number') element.textContent = String(count)
        }
      })
      .catch(() => {
        // Offline or server down: the page keeps the text it had; nothing is worth an error here.
      })
  }
}

function mountWidget(script: HTMLScriptElement, origin: string, host: HTMLElement): void {
  const options = script.dataset
  const uri = options.uri || location.pathname
  // Starts now, in parallel with the widget chunk's download, in the order the reader chose last.
  const sort = readSort()
  const thread = fetch(
    `${origin}/api/comments?uri=${encodeURIComponent(uri)}${sort ? `&sort=${sort}` : ''}`,
  )
  // The widget reports a failed request; until it has the promise, nobody else should.
  thread.catch(() => undefined)
  const lang = pickLang(options.lang)
  const title = options.title || document.title
  const theme = pickTheme(options.theme)
  const load = (path: string) => import(/* @vite-ignore */ `${origin}/${path}`)
  // Both chunks download in parallel: the catalog costs no round trip of its own.
  Promise.all([load(__CAUSERIE_ENTRY__), load(__CAUSERIE_CATALOGS__[lang])]).then(
    ([widget, catalog]: [typeof import('./main.tsx'), Record<Lang, Messages>]) =>
      widget.mount({ host, origin, uri, lang, title, theme, messages: catalog[lang], thread }),
    (error: unknown) => {
      host.textContent =
        lang === 'fr' ? 'Impossible de charger les commentaires.' : 'Comments could not be loaded.'
      throw error
    },
  )
}

// document.currentScript is only set while this script first runs, so read it at once. The page
// can clobber it (`<img name="currentScript" src="https://evil/">` makes it that img, and our
// origin the attacker's: webpack's CVE-2024-43788), so only a real script element is believed.
// No fallback lookup either: a CSP-blocked `<script src=".../embed.js">` of an attacker would match.
const current = document.currentScript
const script = current instanceof HTMLScriptElement ? current : null

if (script) {
  const origin = new URL(script.src).origin
  const start = () => {
    const host = document.getElementById('causerie')
    if (host) mountWidget(script, origin, host)
    else if (import.meta.env.DEV && !document.querySelector('[data-causerie-count]')) {
      warn('no element with id="causerie" nor data-causerie-count on this page.')
    }
  }
  // With the documented snippet, #causerie comes before the script and is already parsed.
  if (document.getElementById('causerie')) start()
  else whenParsed(start)
  whenParsed(() => fillCounts(origin))
}
