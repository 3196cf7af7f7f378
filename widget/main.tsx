// First, so that DOMPurify comes first in the chunk (rolldown lays modules out in import order):
// our own modules then sit together, within reach of gzip's window, and it finds their shared
// strings (0.1 KB less).
import './lib/sanitize.ts'
import { render } from 'preact'
import { configureApi } from './api.ts'
import { App } from './components/app.tsx'
import type { Messages } from './i18n/en.ts'
import { commentIdOf } from './lib/comment-link.ts'
import { applySettings, type Lang, type Theme } from './stores/settings.ts'
import { $thread, loadThread } from './stores/thread.ts'
import { forgetListed, loadTokens } from './stores/tokens.ts'
import { loadVotes } from './stores/votes.ts'
import css from './styles.css?inline'

/** What the loader (embed.ts) hands to the widget. */
export interface MountOptions {
  /** The element the widget renders into, #causerie. */
  host: HTMLElement
  /** The Causerie server's origin, e.g. https://comments.example.com */
  origin: string
  /** Thread key. */
  uri: string
  lang: Lang
  title: string
  theme: Theme
  /** The catalog of `lang`, a chunk the loader downloaded alongside this one. */
  messages: Messages
  /** The loader's GET /api/comments (first page) for `uri`, started while this chunk was downloading. */
  thread?: Promise<Response>
}

/** Renders the thread into an open shadow root of `host`, out of reach of the blog's CSS. */
export function mount({
  host,
  origin,
  uri,
  lang,
  title,
  theme,
  messages,
  thread,
}: MountOptions): void {
  configureApi({ baseUrl: origin })
  applySettings({ uri, title, lang, theme }, messages)
  loadTokens()
  loadVotes()
  loadThread(uri, thread, commentIdOf(location.hash))
  // The page's counts (filled by embed.ts) follow the thread as the reader posts and deletes.
  $thread.listen(({ status, total, comments }) => {
    if (status !== 'ready') return
    forgetListed(comments)
    for (const element of document.querySelectorAll<HTMLElement>('[data-causerie-count]')) {
      if (element.dataset.causerieCount === uri) element.textContent = String(total)
    }
  })
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  // A constructed stylesheet, which the page's CSP does not govern: a <style> element would need
  // style-src 'unsafe-inline' on every blog with a CSP (README.md, Embedding). The element only
  // where adoptedStyleSheets is missing (Safari before 16.4).
  let style = null
  if (root.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [sheet]
  } else style = <style>{css}</style>
  render(
    <>
      {style}
      <App />
    </>,
    root,
  )
}
