import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash, type View } from './route.ts'

describe('routes', () => {
  it('lands on the queue, whatever the fragment', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/queue?status=spam']) {
      expect(parseRoute(hash)).toEqual({ name: 'queue' })
    }
  })

  it('round-trips every view, keys with reserved characters included', () => {
    const views: View[] = [
      { name: 'queue' },
      { name: 'all' },
      { name: 'all', status: 'spam' },
      { name: 'threads' },
      { name: 'thread', uri: '/blog/a post?x=1&y=#2' },
      { name: 'thread', uri: '/p', status: 'deleted' },
      { name: 'search', q: 'ann@example.com & co' },
      { name: 'search', q: 'x', status: 'published' },
      { name: 'blocklist' },
    ]
    for (const view of views) expect(parseRoute(routeHash(view))).toEqual(view)
  })

  it('ignores an unknown status, and a thread without a key', () => {
    expect(parseRoute('#/all?status=evil')).toEqual({ name: 'all' })
    expect(parseRoute('#/thread')).toEqual({ name: 'threads' })
  })
})
