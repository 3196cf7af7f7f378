import { describe, expect, it } from 'vitest'
import { LIMITS } from '../contract.ts'
import { createTestApp, expectError, TEST_T0 } from '../create-test-app.ts'

describe('GET /api/comments', () => {
  it('answers an empty thread for an unknown key, with its normalised form', async () => {
    const { app } = createTestApp()
    const response = await app.request('/api/comments?uri=https://blog.example/new/?utm=1')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      uri: '/new',
      total: 0,
      comments: [],
      next: null,
      sort: 'oldest',
      votes: 'on',
    })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it.each(['/api/comments', '/api/comments?uri=', '/api/comments?uri=javascript:alert(1)'])(
    'refuses %s with 422 on uri',
    async (path) => {
      await expectError(await createTestApp().app.request(path), 422, 'invalid_input', 'uri')
    },
  )

  it('answers HEAD without a body', async () => {
    const response = await createTestApp().app.request('/api/comments?uri=/p', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})

describe('POST /api/comments', () => {
  it('answers 201 with the public comment, a token and the end of the edit window', async () => {
    const { send } = createTestApp()
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
        createdAt: new Date(TEST_T0).toISOString(),
        editedAt: null,
        status: 'published',
      },
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      editableUntil: new Date(TEST_T0 + 15 * 60_000).toISOString(),
    })
  })

  it('lists comments oldest first with the total of published ones', async () => {
    const { create, thread, tick } = createTestApp()
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
    const { create } = createTestApp()
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
    const { send, stored } = createTestApp()
    await expectError(await send('POST', '/api/comments', body), 422, 'invalid_input', field)
    expect(await stored('/p')).toBe(0)
  })

  it('refuses a lone surrogate escaped in the JSON text', async () => {
    const { send, stored } = createTestApp()
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
    const { send, stored } = createTestApp()
    await expectError(await send('POST', '/api/comments', body, headers), status, code)
    expect(await stored('/p')).toBe(0)
  })

  it('refuses a body of 64 KB + 1 byte with 413', async () => {
    const { send, stored } = createTestApp()
    const body = `{"uri":"/p","text":"x","pad":"${' '.repeat(LIMITS.bodyBytes)}"}`.slice(
      0,
      LIMITS.bodyBytes + 1,
    )
    await expectError(await send('POST', '/api/comments', body), 413, 'payload_too_large')
    expect(await stored('/p')).toBe(0)
  })

  it('refuses invalid UTF-8 bytes with 400 invalid_encoding', async () => {
    const { app, stored } = createTestApp()
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
    const { create, send, stored } = createTestApp()
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

describe('other methods', () => {
  it.each([
    ['PUT', '/api/comments', 'GET, HEAD, POST'],
    ['DELETE', '/api/comments', 'GET, HEAD, POST'],
    ['GET', '/api/comments/1', 'PATCH, DELETE'],
    ['POST', '/api/comments/1', 'PATCH, DELETE'],
  ])('%s %s answers 405 with Allow', async (method, path, allow) => {
    const response = await createTestApp().app.request(path, { method })
    await expectError(response, 405, 'method_not_allowed')
    expect(response.headers.get('allow')).toBe(allow)
  })
})
