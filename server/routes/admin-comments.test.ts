import { describe, expect, it } from 'vitest'
import {
  type AdminClient,
  adminTestApp,
  postComment as post,
} from '../../test/support/create-admin-client.ts'
import { expectError } from '../../test/support/create-test-app.ts'
import type { AdminComment, AdminCommentResponse, AdminCommentsResponse } from '../contract.ts'

const list = (admin: AdminClient, query: string) =>
  admin.json<AdminCommentsResponse>('GET', `/api/admin/comments${query}`)
const ids = (response: AdminCommentsResponse) => response.comments.map((comment) => comment.id)

describe('GET /api/admin/comments', () => {
  it('answers the pending queue oldest first, with email, text, thread and client', async () => {
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'all' })
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
    const t = await adminTestApp()
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
    expect(ids(await list(t.admin, `?status=published&order=asc&after=${made[2]}`))).toEqual([
      made[3],
      made[4],
    ])
  })

  it('searches text, author, email and thread, and filters by status, email and client', async () => {
    const t = await adminTestApp()
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
    const t = await adminTestApp()
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
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'all' })
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
    const t = await adminTestApp()
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
    const t = await adminTestApp()
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
    const t = await adminTestApp()
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
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'all' })
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
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'all' })
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
    const t = await adminTestApp()
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
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'all' })
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

  it('refuses a name with a direction override or a zero-width space, keeping emoji joiners', async () => {
    const t = await adminTestApp()
    const parent = await post(t, { uri: '/p', text: 'question?' })
    for (const name of ['The \u202Erohtua', 'The\u200Bauthor']) {
      const reply = { text: 'answer', name }
      const refused = await t.admin.call('POST', `/api/admin/comments/${parent}/reply`, reply)
      await expectError(refused, 422, 'invalid_input', 'name')
    }
    const name = 'The author 👩\u200D💻'
    const { comment } = await t.admin.json<AdminCommentResponse>(
      'POST',
      `/api/admin/comments/${parent}/reply`,
      { text: 'answer', name },
      201,
    )
    expect(comment.author.name).toBe(name)
  })
})
