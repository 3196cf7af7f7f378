// The moderation panel's entry: served at /admin by the server it moderates, under a CSP that
// allows only this script and its stylesheet (server/routes/admin-page.ts).
import './styles.css'
import { render } from 'preact'
import { configureAdminApi } from './api.ts'
import { AdminApp } from './components/admin-app.tsx'
import { parseRoute, routeHash } from './lib/route.ts'
import { $lang, $messages, loadLang } from './stores/language.ts'
import { undoLast } from './stores/notice.ts'
import { loadOwnerName } from './stores/owner-name.ts'
import { $session, checkSession } from './stores/session.ts'
import { $view, openPanel, showView } from './stores/view.ts'

/** Starts the panel in `root`: language, session, and the view the address names. */
export function start(root: HTMLElement): void {
  configureAdminApi({ baseUrl: location.origin })
  loadLang(navigator.language)
  loadOwnerName()
  $lang.subscribe((lang) => {
    document.documentElement.lang = lang
    const t = $messages.get()
    document.title = `${t.appName} – ${t.panel}`
  })
  $session.listen(({ status }) => {
    if (status === 'in') openPanel(location.hash)
  })
  // The fragment and the view follow each other: links, Back and Forward, and filters.
  $view.listen((view) => {
    const hash = routeHash(view)
    if (location.hash !== hash) location.hash = hash
  })
  addEventListener('hashchange', () => {
    if (location.hash !== routeHash($view.get())) showView(parseRoute(location.hash))
  })
  addEventListener('keydown', undoOnCtrlZ)
  void checkSession()
  render(<AdminApp />, root)
}

/** Ctrl+Z (⌘Z) undoes the last action, unless the focus is in a field, where it undoes typing. */
function undoOnCtrlZ(event: KeyboardEvent): void {
  const target = event.target as HTMLElement
  if (event.key !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey) return
  if (target.closest('input, textarea, [contenteditable]')) return
  event.preventDefault()
  void undoLast()
}

const root = document.getElementById('app')
if (root) start(root)
