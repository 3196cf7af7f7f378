import { describe, expect, it } from 'vitest'
import { adminTestApp, postComment as post } from '../../test/support/create-admin-client.ts'
import { expectError } from '../../test/support/create-test-app.ts'
import type { AdminThread } from '../contract.ts'

describe('threads', () => {
  it('closes a thread: new comments answer 403 thread_closed, and the thread says closed', async () => {
    const t = await adminTestApp()
    await post(t, { uri: '/p', text: 'before', title: 'Post' })
    const { thread } = await t.admin.json<{ thread: AdminThread }>('PATCH', '/api/admin/threads', {
      uri: 'https://blog.example/p/',
      closed: true,
    })
    expect(thread).toMatchObject({ uri: '/p', title: 'Post', closed: true })
    expect(thread.counts).toEqual({ published: 1, pending: 0, spam: 0, deleted: 0 })
    await expectError(
      await t.send('POST', '/api/comments', { uri: '/p', text: 'after' }),
      403,
      'thread_closed',
    )
    expect(await t.stored('/p')).toBe(1)
    expect(await t.thread('/p')).toMatchObject({ total: 1, closed: true })
    await t.admin.json('PATCH', '/api/admin/threads', { uri: '/p', closed: false })
    expect(await t.thread('/p')).not.toHaveProperty('closed')
    expect(await post(t, { uri: '/p', text: 'after' })).toBeGreaterThan(0)
  })

  it('can close a thread before its first comment', async () => {
    const t = await adminTestApp()
    await t.admin.json('PATCH', '/api/admin/threads', { uri: '/later', closed: true })
    await expectError(
      await t.send('POST', '/api/comments', { uri: '/later', text: 'x' }),
      403,
      'thread_closed',
    )
    await expectError(
      await t.admin.call('PATCH', '/api/admin/threads', { uri: '/x' }),
      422,
      'invalid_input',
      'closed',
    )
  })

  it('lists threads latest comment first, with counts by status', async () => {
    const t = await adminTestApp()
    await post(t, { uri: '/old', text: 'a' })
    t.tick(1_000)
    await post(t, { uri: '/new', text: 'b' })
    await post(t, { uri: '/new', text: 'c', homepage: 'x' })
    const { threads } = await t.admin.json<{ threads: AdminThread[] }>('GET', '/api/admin/threads')
    expect(threads).toEqual([
      {
        uri: '/new',
        title: null,
        closed: false,
        createdAt: '2025-06-01T12:00:01.000Z',
        lastCommentAt: '2025-06-01T12:00:01.000Z',
        counts: { published: 1, pending: 0, spam: 1, deleted: 0 },
      },
      expect.objectContaining({ uri: '/old' }),
    ])
    const second = await t.admin.json<{ threads: AdminThread[] }>(
      'GET',
      '/api/admin/threads?limit=1&offset=1',
    )
    expect(second.threads.map((thread) => thread.uri)).toEqual(['/old'])
  })
})
