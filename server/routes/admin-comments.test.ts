import { describe, expect, it } from 'vitest'
import type {
  AdminComment,
  AdminCommentResponse,
  AdminCommentsResponse,
  AdminStatsResponse,
  AdminThread,
  Blocklist,
} from '../contract.ts'
import { ADMIN_ENV, type AdminClient, loginAdmin } from '../create-admin-client.ts'
import { createTestApp, expectError, type TestApp } from '../create-test-app.ts'

async function setup(env: Record<string, string> = {}): Promise<TestApp & { admin: AdminClient }> {
  const t = createTestApp({ env: { ...ADMIN_ENV, ...env } })
  return { ...t, admin: await loginAdmin(t) }
}

async function post(t: TestApp, body: Record<string, unknown>): Promise<number> {
  const response = await t.send('POST', '/api/comments', body)
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return ((await response.json()) as { comment: { id: number } }).comment.id
}

const list = (admin: AdminClient, query: string) =>
  admin.json<AdminCommentsResponse>('GET', `/api/admin/comments${query}`)
const ids = (response: AdminCommentsResponse) => response.comments.map((comment) => comment.id)

describe('GET /api/admin/comments', () => {
  it('answers the pending queue oldest first, with email, text, thread and client', async () => {
    const t = await setup({ CAUSERIE_MODERATION: 'all' })
    const first = await post(t, {
      uri: '/a',
      text: 'first *one*',
      email: 'Ann@Example.com',
      title: 'A',
    })
    t.tick(1_000)
    const second = await post(t, { uri: '/b', text: 'second' })
    const queue = await list(t.admin, '?status=pending')
    expect(ids(queue)).toEqual([first, second])
    expect(queue.next).toBeNull()
    expect(queue.comments[0]).toEqual({
      id: first,
      parentId: null,
      author: { name: '', website: null, avatar: expect.stringMatching(/^[0-9a-f]{16}$/) },
      html: '<p>first <em>one</em></p>\n',
      text: 'first *one*',
      createdAt: '2025-06-01T12:00:00.000Z',
      editedAt: null,
      status: 'pending',
      email: 'Ann@Example.com',
      uri: '/a',
      threadTitle: 'A',
      client: expect.stringMatching(/^[0-9a-f]{64}$/),
      isOwner: false,
      notify: false,
    } satisfies AdminComment)
  })

  it('answers other views newest first, page by page with a cursor', async () => {
    const t = await setup()
    const made: number[] = []
    for (let n = 0; n < 5; n++) made.push(await post(t, { uri: `/t${n % 2}`, text: `text ${n}` }))
    const page1 = await list(t.admin, '?limit=2')
    expect(ids(page1)).toEqual([made[4], made[3]])
    const page2 = await list(t.admin, `?limit=2&before=${page1.next}`)
    expect(ids(page2)).toEqual([made[2], made[1]])
    const page3 = await list(t.admin, `?limit=2&before=${page2.next}`)
    expect(ids(page3)).toEqual([made[0]])
    expect(page3.next).toBeNull()
    expect(ids(await list(t.admin, '?uri=https://blog.example/t1/'))).toEqual([made[3], made[1]])
    expect(ids(await list(t.admin, '?status=published&order=asc&after=' + made[2]))).toEqual([
      made[3],
      made[4],
    ])
  })

  it('searches text, author, email and thread, and filters by status, email and client', async () => {
    const t = await setup()
    const cat = await post(t, { uri: '/pets', text: 'I love my cat', name: 'Zoé' })
    const dog = await post(t, { uri: '/dogs', text: 'Woof', email: 'rex@dogs.example' })
    expect(ids(await list(t.admin, '?q=CAT'))).toEqual([cat])
    expect(ids(await list(t.admin, '?q=zo'))).toEqual([cat])
    expect(ids(await list(t.admin, '?q=dogs.example'))).toEqual([dog])
    expect(ids(await list(t.admin, '?q=%2Fpets'))).toEqual([cat])
    expect(ids(await list(t.admin, '?email=REX@dogs.example'))).toEqual([dog])
    expect(ids(await list(t.admin, '?status=spam'))).toEqual([])
    expect(ids(await list(t.admin, '?status=all'))).toEqual([dog, cat])
    const { comment } = await t.admin.json<AdminCommentResponse>(
      'GET',
      `/api/admin/comments/${cat}`,
    )
    expect(ids(await list(t.admin, `?client=${comment.client}`))).toEqual([dog, cat])
  })

  it('refuses bad filters with 422 on the field', async () => {
    const t = await setup()
    const cases = [
      ['?status=hidden', 'status'],
      ['?order=up', 'order'],
      ['?limit=201', 'limit'],
      ['?limit=-1', 'limit'],
      ['?before=x', 'before'],
      ['?status=pending&before=3', 'before'],
      ['?after=3', 'after'],
      ['?uri=javascript:alert(1)', 'uri'],
      [`?q=${'x'.repeat(201)}`, 'q'],
    ]
    for (const [query, field] of cases) {
      await expectError(
        await t.admin.call('GET', `/api/admin/comments${query}`),
        422,
        'invalid_input',
        field,
      )
    }
    await expectError(await t.admin.call('GET', '/api/admin/comments/0'), 404, 'comment_not_found')
    await expectError(await t.admin.call('GET', '/api/admin/comments/99'), 404, 'comment_not_found')
  })
})

describe('PATCH /api/admin/comments/:id', () => {
  it('approves a held comment, which readers then see and count', async () => {
    const t = await setup({ CAUSERIE_MODERATION: 'all' })
    const id = await post(t, { uri: '/p', text: 'held' })
    expect((await t.thread('/p')).total).toBe(0)
    const { comment } = await t.admin.json<AdminCommentResponse>(
      'PATCH',
      `/api/admin/comments/${id}`,
      {
        status: 'published',
      },
    )
    expect(comment.status).toBe('published')
    const thread = await t.thread('/p')
    expect(thread.total).toBe(1)
    expect(thread.comments.map((shown) => shown.id)).toEqual([id])
  })

  it('deletes softly and undoes the delete by restoring the previous status', async () => {
    const t = await setup()
    const id = await post(t, { uri: '/p', text: 'oops', name: 'Ann', email: 'ann@example.com' })
    const deleted = await t.admin.json<AdminCommentResponse>('PATCH', `/api/admin/comments/${id}`, {
      status: 'deleted',
    })
    expect(deleted.comment).toMatchObject({
      status: 'deleted',
      text: 'oops',
      email: 'ann@example.com',
    })
    expect(deleted.comment.author.name).toBe('Ann')
    expect(await t.thread('/p')).toEqual({ uri: '/p', total: 0, comments: [] })
    const restored = await t.admin.json<AdminCommentResponse>(
      'PATCH',
      `/api/admin/comments/${id}`,
      {
        status: 'published',
      },
    )
    expect(restored.comment).toMatchObject({ status: 'published', html: '<p>oops</p>\n' })
    expect((await t.thread('/p')).total).toBe(1)
  })

  it('edits the text, re-rendered and marked edited', async () => {
    const t = await setup()
    const id = await post(t, { uri: '/p', text: 'tpyo' })
    t.tick(5_000)
    const { comment } = await t.admin.json<AdminCommentResponse>(
      'PATCH',
      `/api/admin/comments/${id}`,
      {
        text: '**typo** fixed <b>',
      },
    )
    expect(comment).toMatchObject({
      text: '**typo** fixed <b>',
      html: '<p><strong>typo</strong> fixed &lt;b&gt;</p>\n',
      editedAt: '2025-06-01T12:00:05.000Z',
    })
    expect((await t.thread('/p')).comments[0]?.html).toBe(comment.html)
  })

  it('cannot restore what its author deleted, and refuses bad bodies', async () => {
    const t = await setup()
    const created = await t.create({ uri: '/p', text: 'mine' })
    const url = `/api/comments/${created.comment.id}`
    await t.app.request(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created.token}` },
    })
    const path = `/api/admin/comments/${created.comment.id}`
    await expectError(
      await t.admin.call('PATCH', path, { status: 'published' }),
      422,
      'invalid_input',
      'status',
    )
    await expectError(await t.admin.call('PATCH', path, {}), 422, 'invalid_input', 'status')
    await expectError(
      await t.admin.call('PATCH', path, { status: 'gone' }),
      422,
      'invalid_input',
      'status',
    )
    await expectError(
      await t.admin.call('PATCH', path, { text: ' ' }),
      422,
      'invalid_input',
      'text',
    )
    await expectError(
      await t.admin.call('PATCH', '/api/admin/comments/77', { status: 'spam' }),
      404,
      'comment_not_found',
    )
  })
})

describe('POST /api/admin/comments/bulk', () => {
  it('sets the status of many comments at once', async () => {
    const t = await setup({ CAUSERIE_MODERATION: 'all' })
    const a = await post(t, { uri: '/p', text: 'a' })
    const b = await post(t, { uri: '/p', text: 'b' })
    const c = await post(t, { uri: '/p', text: 'c' })
    const { comments } = await t.admin.json<{ comments: AdminComment[] }>(
      'POST',
      '/api/admin/comments/bulk',
      {
        ids: [a, c, a],
        status: 'spam',
      },
    )
    expect(comments.map((comment) => [comment.id, comment.status])).toEqual([
      [a, 'spam'],
      [c, 'spam'],
    ])
    expect(ids(await list(t.admin, '?status=pending'))).toEqual([b])
  })

  it('changes nothing when one id does not exist, and refuses bad bodies', async () => {
    const t = await setup({ CAUSERIE_MODERATION: 'all' })
    const a = await post(t, { uri: '/p', text: 'a' })
    const bulk = (body: unknown) => t.admin.call('POST', '/api/admin/comments/bulk', body)
    await expectError(await bulk({ ids: [a, 999], status: 'published' }), 404, 'comment_not_found')
    expect(ids(await list(t.admin, '?status=pending'))).toEqual([a])
    await expectError(await bulk({ ids: [], status: 'spam' }), 422, 'invalid_input', 'ids')
    await expectError(await bulk({ ids: [a, 'x'], status: 'spam' }), 422, 'invalid_input', 'ids')
    await expectError(
      await bulk({ ids: Array(201).fill(a), status: 'spam' }),
      422,
      'invalid_input',
      'ids',
    )
    await expectError(await bulk({ ids: [a] }), 422, 'invalid_input', 'status')
  })
})

describe('POST /api/admin/comments/:id/reply', () => {
  it('publishes the owner’s reply with isOwner, shown to readers with the badge flag', async () => {
    const t = await setup()
    const parent = await post(t, { uri: '/p', text: 'question?' })
    const { comment } = await t.admin.json<AdminCommentResponse>(
      'POST',
      `/api/admin/comments/${parent}/reply`,
      { text: 'answer!', name: 'The author' },
      201,
    )
    expect(comment).toMatchObject({
      parentId: parent,
      isOwner: true,
      status: 'published',
      uri: '/p',
    })
    const shown = (await t.thread('/p')).comments
    expect(shown.map((c) => [c.id, c.isOwner])).toEqual([
      [parent, undefined],
      [comment.id, true],
    ])
    expect(shown[1]?.author.name).toBe('The author')
  })

  it('approves a held parent, refuses spam and deleted ones, and works in a closed thread', async () => {
    const t = await setup({ CAUSERIE_MODERATION: 'all' })
    const held = await post(t, { uri: '/p', text: 'held' })
    const spam = await post(t, { uri: '/p', text: 'spam', homepage: 'http://bot.example' })
    await t.admin.json('PATCH', '/api/admin/threads', { uri: '/p', closed: true })
    await t.admin.json('POST', `/api/admin/comments/${held}/reply`, { text: 'welcome' }, 201)
    expect((await t.thread('/p')).total).toBe(2)
    const refused = await t.admin.call('POST', `/api/admin/comments/${spam}/reply`, { text: 'no' })
    await expectError(refused, 422, 'parent_not_found', 'parentId')
    const empty = await t.admin.call('POST', `/api/admin/comments/${held}/reply`, { text: '' })
    await expectError(empty, 422, 'invalid_input', 'text')
  })
})

describe('threads', () => {
  it('closes a thread: new comments answer 403 thread_closed, and the thread says closed', async () => {
    const t = await setup()
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
    const t = await setup()
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
    const t = await setup()
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

describe('GET /api/admin/stats', () => {
  it('counts comments per day over the last 30 days, spam apart, and totals by status', async () => {
    const t = await setup()
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
    const t = await setup()
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
    expect((await list(t.admin, '?status=spam')).comments).toHaveLength(5)
  })

  it('bans and unbans a client and an email; the client’s future comments go to spam', async () => {
    const t = await setup()
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
    const t = await setup()
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
