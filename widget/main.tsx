import { render } from 'preact'
import { configureApi } from './api.ts'
import { App } from './components/app.tsx'
import { loadIdentity } from './stores/identity.ts'
import { applySettings, type Lang, type Theme } from './stores/settings.ts'
import { loadThread } from './stores/thread.ts'
import { loadTokens } from './stores/tokens.ts'
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
  /** The loader's GET /api/comments for `uri`, started while this chunk was downloading. */
  thread?: Promise<Response>
}

/** Renders the thread into an open shadow root of `host`, out of reach of the blog's CSS. */
export function mount({ host, origin, uri, lang, title, theme, thread }: MountOptions): void {
  configureApi({ baseUrl: origin })
  applySettings({ uri, title, lang, theme })
  loadTokens()
  loadIdentity()
  loadThread(uri, thread)
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  render(
    <>
      <style>{css}</style>
      <App />
    </>,
    root,
  )
}
