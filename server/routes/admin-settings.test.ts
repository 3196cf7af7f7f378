import { describe, expect, it } from 'vitest'
import type {
  AdminCommentResponse,
  AdminCommentsResponse,
  AdminStatsResponse,
  Blocklist,
} from '../contract.ts'
import { adminTestApp, postComment as post } from '../create-admin-client.ts'
import { expectError } from '../create-test-app.ts'

describe('GET /api/admin/stats', () => {
  it('counts comments per day over the last 30 days, spam apart, and totals by status', async () => {
    const t = await adminTestApp()
    await post(t, { uri: '/p', text: 'day 1' })
    t.tick(86_400_000)
    await post(t, { uri: '/p', text: 'day 2' })
    await post(t, { uri: '/p', text: 'day 2 bot', homepage: 'x' })
    const stats = await t.admin.json<AdminStatsResponse>('GET', '/api/admin/stats')
    expect(stats.days).toHaveLength(30)
    expect(stats.days[0]?.date).toBe('2025-05-04')
    expect(stats.days.slice(-2)).toEqual([
      { date: '2025-06-01', comments: 1, spam: 0 },
      { date: '2025-06-02', comments: 1, spam: 1 },
    ])
    expect(stats.counts).toEqual({ published: 2, pending: 0, spam: 1, deleted: 0 })
  })
})

describe('blocklist and bans', () => {
  it('stores blocklisted words, emails and clients; matching comments become spam (202)', async () => {
    const t = await adminTestApp()
    const saved = await t.admin.json<Blocklist>('PUT', '/api/admin/blocklist', {
      words: ['Casino', 'cheap  pills', 'casino'],
      emails: ['Spammer@Example.com', '@junk.example'],
      clients: [],
    })
    expect(saved).toEqual({
      words: ['casino', 'cheap pills'],
      emails: ['spammer@example.com', '@junk.example'],
      clients: [],
    })
    expect(await t.admin.json('GET', '/api/admin/blocklist')).toEqual(saved)
    const cases = [
      { text: 'Best CASINO in town' },
      { text: 'cheap\npills here' },
      { text: 'hi', name: 'casino king' },
      { text: 'hello', email: 'spammer@EXAMPLE.com' },
      { text: 'hey', email: 'a@junk.example' },
    ]
    for (const [index, body] of cases.entries()) {
      const response = await t.send('POST', '/api/comments', { uri: '/p', ...body })
      expect(response.status, `case ${index}`).toBe(202)
      expect(((await response.json()) as { comment: { status: string } }).comment.status).toBe(
        'pending',
      )
    }
    const fine = await t.send('POST', '/api/comments', { uri: '/p', text: 'casinos and occasion' })
    expect(fine.status).toBe(201)
    expect(
      (await t.admin.json<AdminCommentsResponse>('GET', '/api/admin/comments?status=spam'))
        .comments,
    ).toHaveLength(5)
  })

  it('bans and unbans a client and an email; the client’s future comments go to spam', async () => {
    const t = await adminTestApp()
    const id = await post(t, { uri: '/p', text: 'first' })
    const { comment } = await t.admin.json<AdminCommentResponse>('GET', `/api/admin/comments/${id}`)
    const banned = await t.admin.json<Blocklist>('POST', '/api/admin/bans', {
      client: comment.client,
    })
    expect(banned.clients).toEqual([comment.client])
    expect((await t.send('POST', '/api/comments', { uri: '/p', text: 'second' })).status).toBe(202)
    expect(
      (await t.admin.json<Blocklist>('POST', '/api/admin/bans', { email: 'X@y.example' })).emails,
    ).toEqual(['x@y.example'])
    const unbanned = await t.admin.json<Blocklist>(
      'DELETE',
      `/api/admin/bans?client=${comment.client}`,
    )
    expect(unbanned).toEqual({ words: [], emails: ['x@y.example'], clients: [] })
    expect((await t.send('POST', '/api/comments', { uri: '/p', text: 'third' })).status).toBe(201)
    // The comment the ban was made from keeps its status: only future comments are spam.
    expect((await t.thread('/p')).total).toBe(2)
  })

  it('refuses malformed lists and ban targets with 422', async () => {
    const t = await adminTestApp()
    const put = (body: unknown) => t.admin.call('PUT', '/api/admin/blocklist', body)
    await expectError(await put({ words: 'casino' }), 422, 'invalid_input', 'words')
    await expectError(await put({ words: [''] }), 422, 'invalid_input', 'words')
    await expectError(await put({ emails: ['not an email'] }), 422, 'invalid_input', 'emails')
    await expectError(await put({ clients: ['abc'] }), 422, 'invalid_input', 'clients')
    await expectError(
      await put({ words: Array.from({ length: 1001 }, (_, n) => `w${n}`) }),
      422,
      'invalid_input',
      'words',
    )
    const ban = (body: unknown) => t.admin.call('POST', '/api/admin/bans', body)
    await expectError(await ban({}), 422, 'invalid_input', 'email')
    await expectError(
      await ban({ email: 'a@b.example', client: 'c'.repeat(64) }),
      422,
      'invalid_input',
      'email',
    )
    await expectError(await ban({ client: 'zz' }), 422, 'invalid_input', 'client')
  })
})
