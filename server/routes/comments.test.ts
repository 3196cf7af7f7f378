import { describe, expect, it } from 'vitest'
import type { Comment, CreatedResponse, ErrorBody, ThreadResponse } from '../contract.ts'
import { LIMITS } from '../contract.ts'
import { createTestApp } from '../create-test-app.ts'

const T0 = Date.UTC(2025, 5, 1, 12)

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T
}

async function expectError(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status)
  const { error } = await json<ErrorBody>(response)
  expect(error).toEqual({ code, message: expect.stringMatching(/\S/), ...(field ? { field } : {}) })
}

function setup() {
  let clock = T0
  const test = createTestApp({ now: () => clock })
  const create = async (body: Record<string, unknown>) => {
    const response = await test.send('POST', '/api/comments', body)
    expect(response.status).toBe(201)
    return json<CreatedResponse>(response)
  }
  const thread = async (uri: string) =>
    json<ThreadResponse>(await test.app.request(`/api/comments?uri=${encodeURIComponent(uri)}`))
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  return { ...test, create, thread, auth, tick: (ms: number) => (clock += ms) }
}

describe('GET /api/comments', () => {
  it('answers an empty thread for an unknown key, with its normalised form', async () => {
    const { app } = setup()
    const response = await app.request('/api/comments?uri=https://blog.example/new/?utm=1')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ uri: '/new', total: 0, comments: [] })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it.each(['/api/comments', '/api/comments?uri=', '/api/comments?uri=javascript:alert(1)'])(
    'refuses %s with 422 on uri',
    async (path) => {
      await expectError(await setup().app.request(path), 422, 'invalid_input', 'uri')
    },
  )

  it('answers HEAD without a body', async () => {
    const response = await setup().app.request('/api/comments?uri=/p', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})

describe('POST /api/comments', () => {
  it('answers 201 with the public comment, a token and the end of the edit window', async () => {
    const { send } = setup()
    const response = await send('POST', '/api/comments', {
      uri: '/post/',
      text: 'Hello **world**',
      name: ' Ada ',
      email: 'Ada@Example.com',
      website: 'https://ada.example',
      title: 'A post',
    })
    expect(response.status).toBe(201)
    const text = await response.text()
    expect(text).not.toMatch(/email|Ada@Example|clientHash|tokenHash|127\.0\.0\.1/i)
    expect(JSON.parse(text)).toEqual({
      comment: {
        id: 1,
        parentId: null,
        author: {
          name: 'Ada',
          website: 'https://ada.example/',
          avatar: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
        html: '<p>Hello <strong>world</strong></p>\n',
        createdAt: new Date(T0).toISOString(),
        editedAt: null,
        status: 'published',
      },
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      editableUntil: new Date(T0 + 15 * 60_000).toISOString(),
    })
  })

  it('lists comments oldest first with the total of published ones', async () => {
    const { create, thread, tick } = setup()
    const first = await create({ uri: '/p', text: 'one' })
    tick(1000)
    const second = await create({ uri: '/p?x=1', text: 'two', parentId: first.comment.id })
    await create({ uri: '/other', text: 'elsewhere' })
    expect(await thread('/p/')).toEqual({
      uri: '/p',
      total: 2,
      comments: [first.comment, second.comment],
    })
  })

  it('gives one author the same avatar and different authors different ones', async () => {
    const { create } = setup()
    const a1 = await create({ uri: '/p', text: 'x', email: 'a@example.com' })
    const a2 = await create({ uri: '/q', text: 'y', email: 'A@EXAMPLE.COM', name: 'Other name' })
    const b = await create({ uri: '/p', text: 'z', email: 'b@example.com' })
    expect(a1.comment.author.avatar).toBe(a2.comment.author.avatar)
    expect(b.comment.author.avatar).not.toBe(a1.comment.author.avatar)
  })

  it.each([
    ['text of 0 characters', { uri: '/p', text: '' }, 'text'],
    ['text of 10,001 characters', { uri: '/p', text: 'a'.repeat(LIMITS.textMax + 1) }, 'text'],
    ['a text that is a number', { uri: '/p', text: 5 }, 'text'],
    ['a missing uri', { text: 'x' }, 'uri'],
    ['a relative uri', { uri: 'post', text: 'x' }, 'uri'],
    ['a name of 101 characters', { uri: '/p', text: 'x', name: 'n'.repeat(101) }, 'name'],
    ['a name with a newline', { uri: '/p', text: 'x', name: 'a\nb' }, 'name'],
    ['a bad email', { uri: '/p', text: 'x', email: 'nope' }, 'email'],
    ['a javascript: website', { uri: '/p', text: 'x', website: 'javascript:alert(1)' }, 'website'],
    ['an ftp website', { uri: '/p', text: 'x', website: 'ftp://example.com/' }, 'website'],
    [
      'a website of 501 characters',
      { uri: '/p', text: 'x', website: `https://e.com/${'a'.repeat(487)}` },
      'website',
    ],
    ['a string parentId', { uri: '/p', text: 'x', parentId: '1' }, 'parentId'],
    ['a title of 301 characters', { uri: '/p', text: 'x', title: 't'.repeat(301) }, 'title'],
    ['a NUL byte', { uri: '/p', text: 'a\u0000b' }, 'text'],
  ])('refuses %s with 422 and stores nothing', async (_, body, field) => {
    const { send, stored } = setup()
    await expectError(await send('POST', '/api/comments', body), 422, 'invalid_input', field)
    expect(await stored('/p')).toBe(0)
  })

  it('refuses a lone surrogate escaped in the JSON text', async () => {
    const { send, stored } = setup()
    const response = await send('POST', '/api/comments', '{"uri":"/p","text":"a\\ud800b"}')
    await expectError(response, 422, 'invalid_input', 'text')
    expect(await stored('/p')).toBe(0)
  })

  it.each([
    ['malformed JSON', '{"uri":"/p",', {}, 400, 'invalid_json'],
    ['an array body', '[{"uri":"/p","text":"x"}]', {}, 422, 'invalid_input'],
    ['a JSON string body', '"hello"', {}, 422, 'invalid_input'],
    [
      'a form content type',
      'uri=/p&text=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    [
      'a text/plain content type',
      '{"uri":"/p","text":"x"}',
      { 'content-type': 'text/plain' },
      415,
      'unsupported_media_type',
    ],
  ])('refuses %s', async (_, body, headers, status, code) => {
    const { send, stored } = setup()
    await expectError(await send('POST', '/api/comments', body, headers), status, code)
    expect(await stored('/p')).toBe(0)
  })

  it('refuses a body of 64 KB + 1 byte with 413', async () => {
    const { send, stored } = setup()
    const body = `{"uri":"/p","text":"x","pad":"${' '.repeat(LIMITS.bodyBytes)}"}`.slice(
      0,
      LIMITS.bodyBytes + 1,
    )
    await expectError(await send('POST', '/api/comments', body), 413, 'payload_too_large')
    expect(await stored('/p')).toBe(0)
  })

  it('refuses invalid UTF-8 bytes with 400 invalid_encoding', async () => {
    const { app, stored } = setup()
    const bytes = Buffer.concat([
      Buffer.from('{"uri":"/p","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ])
    const response = await app.request('/api/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    })
    await expectError(response, 400, 'invalid_encoding')
    expect(await stored('/p')).toBe(0)
  })

  it('refuses a parent from another thread or a missing one', async () => {
    const { create, send, stored } = setup()
    const elsewhere = await create({ uri: '/other', text: 'x' })
    const fromOther = await send('POST', '/api/comments', {
      uri: '/p',
      text: 'x',
      parentId: elsewhere.comment.id,
    })
    await expectError(fromOther, 422, 'parent_not_found', 'parentId')
    const missing = await send('POST', '/api/comments', { uri: '/other', text: 'x', parentId: 999 })
    await expectError(missing, 422, 'parent_not_found', 'parentId')
    expect([await stored('/p'), await stored('/other')]).toEqual([0, 1])
  })
})

describe('PATCH /api/comments/:id', () => {
  it('edits the text and marks the comment edited', async () => {
    const { create, send, auth, tick, thread } = setup()
    const { comment, token } = await create({ uri: '/p', text: 'before', name: 'Ada' })
    tick(60_000)
    const response = await send(
      'PATCH',
      `/api/comments/${comment.id}`,
      { text: 'after *now*' },
      auth(token),
    )
    expect(response.status).toBe(200)
    const edited: Comment = {
      ...comment,
      html: '<p>after <em>now</em></p>\n',
      editedAt: new Date(T0 + 60_000).toISOString(),
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
    const { create, send } = setup()
    const { comment } = await create({ uri: '/p', text: 'x' })
    await expectError(
      await send('PATCH', `/api/comments/${comment.id}`, { text: 'y' }, headers),
      401,
      'token_missing',
    )
  })

  it('answers 403 token_invalid for a forged token or the token of another comment', async () => {
    const { create, send, auth, thread } = setup()
    const mine = await create({ uri: '/p', text: 'mine' })
    const theirs = await create({ uri: '/p', text: 'theirs' })
    await expectError(
      await send('PATCH', `/api/comments/${mine.comment.id}`, { text: 'y' }, auth('forged')),
      403,
      'token_invalid',
    )
    await expectError(
      await send('PATCH', `/api/comments/${mine.comment.id}`, { text: 'y' }, auth(theirs.token)),
      403,
      'token_invalid',
    )
    expect((await thread('/p')).comments[0]?.html).toBe('<p>mine</p>\n')
  })

  it('answers 403 edit_window_closed once the window has passed', async () => {
    const { create, send, auth, tick } = setup()
    const { comment, token } = await create({ uri: '/p', text: 'x' })
    tick(15 * 60_000 - 1)
    expect(
      (await send('PATCH', `/api/comments/${comment.id}`, { text: 'in time' }, auth(token))).status,
    ).toBe(200)
    tick(1)
    await expectError(
      await send('PATCH', `/api/comments/${comment.id}`, { text: 'late' }, auth(token)),
      403,
      'edit_window_closed',
    )
  })

  it.each(['999', 'abc', '1.5', '-1', '0', '1e3', '99999999999999999999'])(
    'answers 404 comment_not_found for id %s',
    async (id) => {
      const { create, send, auth } = setup()
      const { token } = await create({ uri: '/p', text: 'x' })
      await expectError(
        await send('PATCH', `/api/comments/${id}`, { text: 'y' }, auth(token)),
        404,
        'comment_not_found',
      )
    },
  )

  it('refuses an invalid new text with 422 and keeps the old one', async () => {
    const { create, send, auth, thread } = setup()
    const { comment, token } = await create({ uri: '/p', text: 'kept' })
    const response = await send('PATCH', `/api/comments/${comment.id}`, { text: ' ' }, auth(token))
    await expectError(response, 422, 'invalid_input', 'text')
    expect((await thread('/p')).comments[0]?.html).toBe('<p>kept</p>\n')
  })
})

describe('DELETE /api/comments/:id', () => {
  it('removes a comment without replies from the thread', async () => {
    const { create, app, auth, thread } = setup()
    const kept = await create({ uri: '/p', text: 'kept' })
    const gone = await create({ uri: '/p', text: 'gone', email: 'x@example.com' })
    const response = await app.request(`/api/comments/${gone.comment.id}`, {
      method: 'DELETE',
      headers: auth(gone.token),
    })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect(await thread('/p')).toEqual({ uri: '/p', total: 1, comments: [kept.comment] })
  })

  it('keeps a wiped placeholder while a reply hangs below it, and allows replying to it', async () => {
    const { create, app, auth, thread, store, send } = setup()
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
      headers: auth(parent.token),
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
    const { create, app, auth, thread, send } = setup()
    const parent = await create({ uri: '/p', text: 'parent' })
    const reply = await create({ uri: '/p', text: 'reply', parentId: parent.comment.id })
    await app.request(`/api/comments/${parent.comment.id}`, {
      method: 'DELETE',
      headers: auth(parent.token),
    })
    await app.request(`/api/comments/${reply.comment.id}`, {
      method: 'DELETE',
      headers: auth(reply.token),
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
    const { create, app, auth, tick } = setup()
    const one = await create({ uri: '/p', text: 'one' })
    const two = await create({ uri: '/p', text: 'two' })
    const remove = (id: number | string, headers: Record<string, string> = {}) =>
      app.request(`/api/comments/${id}`, { method: 'DELETE', headers })
    expect((await remove(one.comment.id, auth(one.token))).status).toBe(204)
    await expectError(await remove(one.comment.id, auth(one.token)), 404, 'comment_not_found')
    await expectError(await remove(two.comment.id), 401, 'token_missing')
    await expectError(await remove(two.comment.id, auth(one.token)), 403, 'token_invalid')
    await expectError(await remove('nope', auth(two.token)), 404, 'comment_not_found')
    tick(15 * 60_000)
    await expectError(await remove(two.comment.id, auth(two.token)), 403, 'edit_window_closed')
  })
})

describe('other methods', () => {
  it.each([
    ['PUT', '/api/comments', 'GET, HEAD, POST'],
    ['DELETE', '/api/comments', 'GET, HEAD, POST'],
    ['GET', '/api/comments/1', 'PATCH, DELETE'],
    ['POST', '/api/comments/1', 'PATCH, DELETE'],
  ])('%s %s answers 405 with Allow', async (method, path, allow) => {
    const response = await setup().app.request(path, { method })
    await expectError(response, 405, 'method_not_allowed')
    expect(response.headers.get('allow')).toBe(allow)
  })
})
