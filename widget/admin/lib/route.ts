import { COMMENT_STATUSES, type CommentStatus } from '../../../server/contract.ts'

/** What the panel shows; each view has an address in the page's fragment, e.g. #/thread?uri=/post. */
export type View =
  | { name: 'queue' }
  | { name: 'all'; status?: CommentStatus }
  | { name: 'threads' }
  | { name: 'thread'; uri: string; status?: CommentStatus }
  | { name: 'search'; q: string; status?: CommentStatus }
  | { name: 'blocklist' }

/** The view a fragment names; anything unknown is the queue, the landing view. */
export function parseRoute(hash: string): View {
  const fragment = hash.replace(/^#\/?/, '')
  const mark = fragment.indexOf('?')
  const path = mark < 0 ? fragment : fragment.slice(0, mark)
  const params = new URLSearchParams(mark < 0 ? '' : fragment.slice(mark + 1))
  const raw = params.get('status') ?? ''
  const status = (COMMENT_STATUSES as readonly string[]).includes(raw)
    ? { status: raw as CommentStatus }
    : {}
  switch (path) {
    case 'all':
      return { name: 'all', ...status }
    case 'threads':
      return { name: 'threads' }
    case 'thread': {
      const uri = params.get('uri')
      return uri ? { name: 'thread', uri, ...status } : { name: 'threads' }
    }
    case 'search':
      return { name: 'search', q: params.get('q') ?? '', ...status }
    case 'blocklist':
      return { name: 'blocklist' }
    default:
      return { name: 'queue' }
  }
}

/** The fragment of a view: `parseRoute(routeHash(view))` is `view`. */
export function routeHash(view: View): string {
  const params = new URLSearchParams()
  if (view.name === 'thread') params.set('uri', view.uri)
  if (view.name === 'search' && view.q) params.set('q', view.q)
  if ('status' in view && view.status) params.set('status', view.status)
  const search = params.toString()
  return `#/${view.name}${search ? `?${search}` : ''}`
}
