import { describe, expect, it } from 'vitest'
import { bearer, createTestApp, expectError, TEST_T0 } from '../../test/support/create-test-app.ts'
import type { Comment } from '../contract.ts'

// PATCH and DELETE: what an author may do with the token of a comment.

describe('PATCH /api/comments/:id', () => {
  it('edits the text and marks the comment edited', async () => {
    const { create, send, tick, thread } = createTestApp()
    const { comment, token } = await create({ uri: '/p', text: 'before', name: 'Ada' })
    tick(60_000)
    const response = await send(
      'PATCH',
      `/api/comments/${comment.id}`,
      { text: 'after *now*' },
      bearer(token),
    )
    expect(response.status).toBe(200)
    const edited: Comment = {
      ...comment,
      html: '<p>after <em>now</em></p>\n',
      editedAt: new Date(TEST_T0 + 60_000).toISOString(),
    }
    expect(await response.json()).toEqual({ comment: edited })
    expect((await thread('/p')).comments).toEqual([edited])
  })

  it.each([
    ['no Authorization header', {}],
    ['a Basic header', { authorization: 'Basic YTpi' }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['a token with spaces', { authorization: 'Bearer a b' }],
  ])('answers 401 token_missing for %s', async (_, headers) => {
    const { create, send } = createTestApp()
    const { comment } = await create({ uri: '/p', text: 'x' })
    await expectError(
      await send('PATCH', `/api/comments/${comment.id}`, { text: 'y' }, headers),
      401,
      'token_missing',
    )
  })

  it('answers 403 token_invalid for a forged token or the token of another comment', async () => {
    const { create, send, thread } = createTestApp()
    const mine = await create({ uri: '/p', text: 'mine' })
    const theirs = await create({ uri: '/p', text: 'theirs' })
    await expectError(
      await send('PATCH', `/api/comments/${mine.comment.id}`, { text: 'y' }, bearer('forged')),
      403,
      'token_invalid',
    )
    await expectError(
      await send('PATCH', `/api/comments/${mine.comment.id}`, { text: 'y' }, bearer(theirs.token)),
      403,
      'token_invalid',
    )
    expect((await thread('/p')).comments[0]?.html).toBe('<p>mine</p>\n')
  })

  it('answers 403 edit_window_closed once the window has passed', async () => {
    const { create, send, tick } = createTestApp()
    const { comment, token } = await create({ uri: '/p', text: 'x' })
    tick(15 * 60_000 - 1)
    expect(
      (await send('PATCH', `/api/comments/${comment.id}`, { text: 'in time' }, bearer(token)))
        .status,
    ).toBe(200)
    tick(1)
    await expectError(
      await send('PATCH', `/api/comments/${comment.id}`, { text: 'late' }, bearer(token)),
      403,
      'edit_window_closed',
    )
  })

  it.each(['999', 'abc', '1.5', '-1', '0', '1e3', '99999999999999999999'])(
    'answers 404 comment_not_found for id %s',
    async (id) => {
      const { create, send } = createTestApp()
      const { token } = await create({ uri: '/p', text: 'x' })
      await expectError(
        await send('PATCH', `/api/comments/${id}`, { text: 'y' }, bearer(token)),
        404,
        'comment_not_found',
      )
    },
  )

  it('refuses an invalid new text with 422 and keeps the old one', async () => {
    const { create, send, thread } = createTestApp()
    const { comment, token } = await create({ uri: '/p', text: 'kept' })
    const response = await send(
      'PATCH',
      `/api/comments/${comment.id}`,
      { text: ' ' },
      bearer(token),
    )
    await expectError(response, 422, 'invalid_input', 'text')
    expect((await thread('/p')).comments[0]?.html).toBe('<p>kept</p>\n')
  })

  it('answers 403 thread_closed once the owner closed the thread, and still lets the author delete', async () => {
    const { create, send, store, thread, app } = createTestApp()
    const { comment, token } = await create({ uri: '/p', text: 'before closing' })
    await store.setThreadClosed('/p', TEST_T0 + 1, TEST_T0)
    await expectError(
      await send('PATCH', `/api/comments/${comment.id}`, { text: 'sneaked in' }, bearer(token)),
      403,
      'thread_closed',
    )
    expect((await thread('/p')).comments[0]?.html).toBe('<p>before closing</p>\n')
    const removed = await app.request(`/api/comments/${comment.id}`, {
      method: 'DELETE',
      headers: bearer(token),
    })
    expect(removed.status).toBe(204)
  })
})

describe('DELETE /api/comments/:id', () => {
  it('removes a comment without replies from the thread', async () => {
    const { create, app, thread } = createTestApp()
    const kept = await create({ uri: '/p', text: 'kept' })
    const gone = await create({ uri: '/p', text: 'gone', email: 'x@example.com' })
    const response = await app.request(`/api/comments/${gone.comment.id}`, {
      method: 'DELETE',
      headers: bearer(gone.token),
    })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect(await thread('/p')).toEqual({ uri: '/p', total: 1, comments: [kept.comment] })
  })

  it('keeps a wiped placeholder while a reply hangs below it, and allows replying to it', async () => {
    const { create, app, thread, store, send } = createTestApp()
    const parent = await create({
      uri: '/p',
      text: 'secret words',
      name: 'Ada',
      email: 'a@example.com',
      website: 'https://a.example',
    })
    const reply = await create({ uri: '/p', text: 'reply', parentId: parent.comment.id })
    await app.request(`/api/comments/${parent.comment.id}`, {
      method: 'DELETE',
      headers: bearer(parent.token),
    })
    const listed = await thread('/p')
    expect(listed.total).toBe(1)
    expect(listed.comments).toEqual([
      {
        ...parent.comment,
        author: { name: '', website: null, avatar: '' },
        html: '',
        status: 'deleted',
      },
      reply.comment,
    ])
    const row = await store.findComment(parent.comment.id)
    expect(row).toMatchObject({ text: '', html: '', name: '', email: null, website: null })
    const late = await send('POST', '/api/comments', {
      uri: '/p',
      text: 'to the placeholder',
      parentId: parent.comment.id,
    })
    expect(late.status).toBe(201)
  })

  it('hides a placeholder once its last reply is deleted, and refuses replies to it', async () => {
    const { create, app, thread, send } = createTestApp()
    const parent = await create({ uri: '/p', text: 'parent' })
    const reply = await create({ uri: '/p', text: 'reply', parentId: parent.comment.id })
    await app.request(`/api/comments/${parent.comment.id}`, {
      method: 'DELETE',
      headers: bearer(parent.token),
    })
    await app.request(`/api/comments/${reply.comment.id}`, {
      method: 'DELETE',
      headers: bearer(reply.token),
    })
    expect(await thread('/p')).toEqual({ uri: '/p', total: 0, comments: [] })
    const orphan = await send('POST', '/api/comments', {
      uri: '/p',
      text: 'x',
      parentId: parent.comment.id,
    })
    await expectError(orphan, 422, 'parent_not_found', 'parentId')
  })

  it('answers 404 for a deleted comment, 401 without a token, 403 with a forged one or too late', async () => {
    const { create, app, tick } = createTestApp()
    const one = await create({ uri: '/p', text: 'one' })
    const two = await create({ uri: '/p', text: 'two' })
    const remove = (id: number | string, headers: Record<string, string> = {}) =>
      app.request(`/api/comments/${id}`, { method: 'DELETE', headers })
    expect((await remove(one.comment.id, bearer(one.token))).status).toBe(204)
    await expectError(await remove(one.comment.id, bearer(one.token)), 404, 'comment_not_found')
    await expectError(await remove(two.comment.id), 401, 'token_missing')
    await expectError(await remove(two.comment.id, bearer(one.token)), 403, 'token_invalid')
    await expectError(await remove('nope', bearer(two.token)), 404, 'comment_not_found')
    tick(15 * 60_000)
    await expectError(await remove(two.comment.id, bearer(two.token)), 403, 'edit_window_closed')
  })
})
