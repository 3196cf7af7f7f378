import { describe, expect, it } from 'vitest'
import { adminTestApp, postComment as post } from '../../test/support/create-admin-client.ts'
import { expectError } from '../../test/support/create-test-app.ts'
import type {
  AdminCommentResponse,
  AdminCommentsResponse,
  AdminStatsResponse,
  Blocklist,
} from '../contract.ts'

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

describe('POST /api/admin/erase', () => {
  it('erases an address’s comments, keeping a placeholder above a reply of someone else', async () => {
    const t = await adminTestApp()
    const email = 'Reader@Example.com'
    const parent = await post(t, { uri: '/p', text: 'mine', name: 'Rea', email })
    await post(t, { uri: '/p', text: 'reply', parentId: parent, email: 'other@example.com' })
    await post(t, { uri: '/q', text: 'lone', email: 'reader@example.com' })
    const answer = await t.admin.json('POST', '/api/admin/erase', { email: ' READER@example.com ' })
    expect(answer).toEqual({ erased: { comments: 2, subscriptions: 0, mails: 0, bans: 0 } })
    expect((await t.thread('/q')).comments).toEqual([])
    const [placeholder, reply] = (await t.thread('/p')).comments
    expect(placeholder).toMatchObject({ id: parent, status: 'deleted', html: '' })
    expect(placeholder?.author.name).toBe('')
    expect(reply?.parentId).toBe(parent)
    const search = await t.admin.json<AdminCommentsResponse>(
      'GET',
      '/api/admin/comments?email=reader%40example.com',
    )
    expect(search.comments).toEqual([])
  })

  it('refuses anything but one address, a foreign Origin, and a missing session', async () => {
    const t = await adminTestApp()
    for (const email of [undefined, 42, 'not-an-address', `${'a'.repeat(250)}@x.example`]) {
      await expectError(
        await t.admin.call('POST', '/api/admin/erase', { email }),
        422,
        'invalid_input',
        'email',
      )
    }
    const body = JSON.stringify({ email: 'a@x.example' })
    const headers = { cookie: t.admin.cookie, 'content-type': 'application/json' }
    const foreign = await t.app.request('/api/admin/erase', {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.example' },
      body,
    })
    await expectError(foreign, 403, 'forbidden_origin')
    const anonymous = await t.send('POST', '/api/admin/erase', body, { origin: 'http://localhost' })
    await expectError(anonymous, 401, 'unauthorized')
    await expectError(await t.admin.call('GET', '/api/admin/erase'), 405, 'method_not_allowed')
  })
})
