import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADMIN_ENV, adminTestApp } from '../../test/support/create-admin-client.ts'
import { bearer, createTestApp, type TestApp } from '../../test/support/create-test-app.ts'
import type { CreatedResponse } from '../contract.ts'
import type { MailPayload } from '../services/notifications/notification-mails.ts'
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts'

// GET /api/comments answers from a cache checked against the thread's version in the database.
// Each test reads the thread first, so that a cached answer exists, then writes by one path and
// expects the next read to show the write: a missed invalidation fails here.

const shown = async (t: TestApp) =>
  (await t.thread('/p')).comments.map(({ id, html, status }) => ({ id, html, status }))

describe('GET /api/comments after a write', () => {
  it('answers the same bytes with the same headers from the cache', async () => {
    const t = createTestApp()
    await t.create({ uri: '/p', text: 'one' })
    const first = await t.app.request('/api/comments?uri=/p')
    const again = await t.app.request('/api/comments?uri=/p')
    expect(await again.text()).toBe(await first.text())
    for (const response of [first, again]) {
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('shows a reader’s new comment, edit and deletion', async () => {
    const t = createTestApp()
    const first = await t.create({ uri: '/p', text: 'one' })
    await t.thread('/p')
    const second = await t.create({ uri: '/p', text: 'two' })
    expect((await shown(t)).map((comment) => comment.id)).toEqual([
      first.comment.id,
      second.comment.id,
    ])
    const edit = await t.send(
      'PATCH',
      `/api/comments/${first.comment.id}`,
      { text: 'uno' },
      bearer(first.token),
    )
    expect(edit.status).toBe(200)
    expect((await shown(t))[0]?.html).toBe('<p>uno</p>\n')
    const removed = await t.app.request(`/api/comments/${second.comment.id}`, {
      method: 'DELETE',
      headers: bearer(second.token),
    })
    expect(removed.status).toBe(204)
    expect(await t.thread('/p')).toMatchObject({ total: 1, comments: [{ id: first.comment.id }] })
  })

  it('shows the admin’s status changes, edits, bulk actions and replies', async () => {
    const t = await adminTestApp()
    const { comment } = await t.create({ uri: '/p', text: 'one' })
    const path = `/api/admin/comments/${comment.id}`
    await t.thread('/p')
    await t.admin.json('PATCH', path, { status: 'spam' })
    expect(await shown(t)).toEqual([])
    await t.admin.json('PATCH', path, { status: 'published' })
    expect(await shown(t)).toEqual([{ id: comment.id, html: '<p>one</p>\n', status: 'published' }])
    await t.admin.json('PATCH', path, { text: 'fixed' })
    expect((await shown(t))[0]?.html).toBe('<p>fixed</p>\n')
    await t.admin.json('POST', '/api/admin/comments/bulk', { ids: [comment.id], status: 'pending' })
    expect(await shown(t)).toEqual([])
    await t.admin.json('POST', '/api/admin/comments/bulk', {
      ids: [comment.id],
      status: 'published',
    })
    expect(await shown(t)).toHaveLength(1)
    await t.admin.json('POST', `${path}/reply`, { text: 'thanks' }, 201)
    expect((await t.thread('/p')).comments.at(-1)).toMatchObject({
      isOwner: true,
      parentId: comment.id,
    })
  })

  it('shows the thread closed and open again', async () => {
    const t = await adminTestApp()
    await t.create({ uri: '/p', text: 'one' })
    expect(await t.thread('/p')).not.toHaveProperty('closed')
    await t.admin.json('PATCH', '/api/admin/threads', { uri: '/p', closed: true })
    expect(await t.thread('/p')).toMatchObject({ closed: true })
    await t.admin.json('PATCH', '/api/admin/threads', { uri: '/p', closed: false })
    expect(await t.thread('/p')).not.toHaveProperty('closed')
  })

  it('shows a comment approved by the owner’s one-click mail link', async () => {
    const t = createTestApp({
      env: {
        ...ADMIN_ENV,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        CAUSERIE_PUBLIC_URL: 'https://comments.example',
        CAUSERIE_NOTIFY_EMAIL: 'owner@blog.example',
        CAUSERIE_MODERATION: 'all',
      },
    })
    const response = await t.send('POST', '/api/comments', { uri: '/p', text: 'held' })
    const { comment } = (await response.json()) as CreatedResponse
    expect(await shown(t)).toEqual([])
    const mail = JSON.parse((await t.store.listOutbox()).at(-1)?.payload ?? '{}') as MailPayload
    const approve = /Approve: https:\/\/comments\.example(\/moderate\?token=\S+)/.exec(
      mail.text,
    )?.[1]
    const done = await t.app.request(approve ?? '/missing', { method: 'POST' })
    expect(done.status).toBe(200)
    expect((await shown(t)).map((shownComment) => shownComment.id)).toEqual([comment.id])
  })

  it('shows a write made to the same database by another server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'causerie-cache-'))
    try {
      const path = join(dir, 'causerie.db')
      const t = createTestApp({ store: createSqliteStore(path) })
      const other = createTestApp({ store: createSqliteStore(path) })
      const { comment, token } = await t.create({ uri: '/p', text: 'one' })
      await t.thread('/p')
      // Another process on the same file: only the database knows of its write.
      const edit = await other.send(
        'PATCH',
        `/api/comments/${comment.id}`,
        { text: 'changed' },
        bearer(token),
      )
      expect(edit.status).toBe(200)
      expect((await shown(t))[0]?.html).toBe('<p>changed</p>\n')
      await Promise.all([t.store.close(), other.store.close()])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
