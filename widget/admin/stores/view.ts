import { atom } from 'nanostores'
import { parseRoute, type View } from '../lib/route.ts'
import { loadBlocklist } from './blocklist.ts'
import { $comments, loadComments } from './comments.ts'
import { loadStats } from './stats.ts'
import { loadThreadInfo, loadThreads } from './threads.ts'

/** The view on screen; main.tsx keeps it and the address bar's fragment in step. */
export const $view = atom<View>({ name: 'queue' })

/** Shows a view, from a link, a filter or the address bar, and loads what it lists. */
export function showView(view: View): void {
  $view.set(view)
  switch (view.name) {
    case 'queue':
      void loadComments({ status: 'pending' })
      break
    case 'all':
      void loadComments({ status: view.status })
      break
    case 'thread':
      void loadThreadInfo(view.uri)
      void loadComments({ uri: view.uri, status: view.status })
      break
    case 'search':
      // Nothing to search yet: the view shows its prompt, not a list.
      if (view.q) void loadComments({ q: view.q, status: view.status })
      else $comments.set({ status: 'idle', query: {}, comments: [], next: null })
      break
    case 'threads':
      void loadThreads()
      break
    case 'blocklist':
      void loadBlocklist()
      break
  }
}

/** After login: the numbers, the bans (rows show Ban or Unban), and the view `hash` names. */
export function openPanel(hash: string): void {
  void loadStats()
  void loadBlocklist()
  showView(parseRoute(hash))
}
