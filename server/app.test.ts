import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestApp } from '../test/support/create-test-app.ts'
import type { ErrorBody } from './contract.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

const LISTED = 'https://blog.example'
const comment = { uri: '/p', text: 'hello' }

describe('origin check and CORS', () => {
  const setup = () => createTestApp({ env: { CAUSERIE_ORIGINS: `${LISTED}/ignored/path` } })

  it('lets a listed origin write, and says so with ACAO and Vary', async () => {
    const { send } = setup()
    const response = await send('POST', '/api/comments', comment, { origin: LISTED })
    expect(response.status).toBe(201)
    expect(response.headers.get('access-control-allow-origin')).toBe(LISTED)
    expect(response.headers.get('vary')).toContain('Origin')
  })

  it('refuses a foreign origin with 403 forbidden_origin and stores nothing', async () => {
    const { send, stored } = setup()
    for (const origin of ['https://evil.example', 'null', 'https://blog.example.evil.example']) {
      const response = await send('POST', '/api/comments', comment, { origin })
      expect(response.status).toBe(403)
      expect(((await response.json()) as ErrorBody).error.code).toBe('forbidden_origin')
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    }
    const preview = await send(
      'POST',
      '/api/preview',
      { text: 'x' },
      { origin: 'https://evil.example' },
    )
    expect(preview.status).toBe(403)
    expect(await stored('/p')).toBe(0)
  })

  it('lets the server’s own origin and requests without Origin write', async () => {
    const { send } = setup()
    expect(
      (await send('POST', '/api/comments', comment, { origin: 'http://localhost' })).status,
    ).toBe(201)
    // Another text: the same one twice in a thread is refused as a duplicate.
    expect((await send('POST', '/api/comments', { ...comment, text: 'again' })).status).toBe(201)
  })

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const proxied = createTestApp({ env: { CAUSERIE_TRUST_PROXY: '127.0.0.1' } })
    const headers = { origin: 'https://localhost', 'x-forwarded-proto': 'https' }
    expect((await proxied.send('POST', '/api/comments', comment, headers)).status).toBe(201)
    const direct = createTestApp()
    expect((await direct.send('POST', '/api/comments', comment, headers)).status).toBe(403)
  })

  it('opens reads to every origin', async () => {
    const { app } = setup()
    const response = await app.request('/api/comments?uri=/p', {
      headers: { origin: 'https://any.example' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers a preflight from a listed origin with what it may send', async () => {
    const { app } = setup()
    const response = await app.request('/api/comments/1', {
      method: 'OPTIONS',
      headers: { origin: LISTED, 'access-control-request-method': 'PATCH' },
    })
    expect(response.status).toBe(204)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': LISTED,
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-max-age': '600',
      vary: 'Origin',
    })
  })

  it('answers a preflight from another origin without any CORS grant', async () => {
    const { app } = setup()
    const response = await app.request('/api/comments', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-methods')).toBeNull()
  })

  it('grants a read preflight to any origin', async () => {
    const { app } = setup()
    const response = await app.request('/api/counts?uri=/p', {
      method: 'OPTIONS',
      headers: { origin: 'https://any.example', 'access-control-request-method': 'GET' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('rate limit on new comments', () => {
  it('answers 429 with Retry-After past the limit and keeps serving other clients', async () => {
    const { send, stored } = createTestApp({
      env: { CAUSERIE_RATE_LIMIT: '2' },
      clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.1',
    })
    // Each comment has its own text: the same one twice in a thread is refused as a duplicate.
    const numbered = (n: number) => ({ ...comment, text: `hello ${n}` })
    expect((await send('POST', '/api/comments', numbered(1))).status).toBe(201)
    expect((await send('POST', '/api/comments', numbered(2))).status).toBe(201)
    const refused = await send('POST', '/api/comments', numbered(3))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as ErrorBody).error.code).toBe('rate_limited')
    expect(
      (await send('POST', '/api/comments', numbered(4), { 'x-test-client': '192.0.2.2' })).status,
    ).toBe(201)
    expect(await stored('/p')).toBe(3)
  })

  it('counts refused comments (422), so a duplicate cannot be repeated forever', async () => {
    const { send, stored } = createTestApp({ env: { CAUSERIE_RATE_LIMIT: '3' } })
    expect((await send('POST', '/api/comments', comment)).status).toBe(201)
    expect((await send('POST', '/api/comments', comment)).status).toBe(422)
    expect((await send('POST', '/api/comments', { uri: '/p', text: '' })).status).toBe(422)
    expect((await send('POST', '/api/comments', { uri: '/p', text: 'new' })).status).toBe(429)
    expect(await stored('/p')).toBe(1)
  })

  it('gives the slot back to a body it could not read (400, 413, 415)', async () => {
    const { app, send } = createTestApp({ env: { CAUSERIE_RATE_LIMIT: '1' } })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await send('POST', '/api/comments', '{"uri": "/p",')).status)
      statuses.push((await send('POST', '/api/comments', 'x'.repeat(70_000))).status)
      const form = await app.request('/api/comments', { method: 'POST', body: 'uri=/p&text=x' })
      statuses.push(form.status)
    }
    expect(statuses).toEqual([400, 413, 415, 400, 413, 415, 400, 413, 415])
    expect((await send('POST', '/api/comments', comment)).status).toBe(201)
  })

  it('counts every address of one IPv6 /64 as one client', async () => {
    const { send } = createTestApp({
      env: { CAUSERIE_RATE_LIMIT: '2' },
      clientAddress: (c) => c.req.header('x-test-client') ?? '',
    })
    const from = (address: string, text: string) =>
      send('POST', '/api/comments', { uri: '/p', text }, { 'x-test-client': address })
    expect((await from('2001:db8:a:b::1', 'one')).status).toBe(201)
    expect((await from('2001:db8:a:b::2', 'two')).status).toBe(201)
    expect((await from('2001:db8:a:b:ffff:ffff:ffff:ffff', 'three')).status).toBe(429)
    expect((await from('2001:db8:a:c::1', 'four')).status).toBe(201)
    expect((await from('::ffff:192.0.2.1', 'five')).status).toBe(201)
    expect((await from('192.0.2.1', 'six')).status).toBe(201)
    expect((await from('192.0.2.1', 'seven')).status).toBe(429)
  })

  it('does not limit reads, edits or previews', async () => {
    const { app, send } = createTestApp({ env: { CAUSERIE_RATE_LIMIT: '1' } })
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/comments?uri=/p')).status).toBe(200)
      expect((await send('POST', '/api/preview', { text: 'x' })).status).toBe(200)
    }
  })
})

describe('every answer', () => {
  it('carries nosniff and a referrer policy, errors and static files included', async () => {
    const { app } = createTestApp()
    for (const path of [
      '/api/comments?uri=/p',
      '/api/comments',
      '/api/nope',
      '/nope',
      '/healthz',
      '/embed.js',
    ]) {
      const response = await app.request(path)
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
    }
  })

  it('answers unknown API paths with a JSON 404 and other paths with a plain one', async () => {
    const { app } = createTestApp()
    const api = await app.request('/api/nope')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
    const page = await app.request('/nope')
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/)
  })

  it('turns an unexpected failure into a bare 500 internal, logged once', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { app, store } = createTestApp()
    await store.close()
    const response = await app.request('/api/comments?uri=/p')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: 'Something went wrong on the server.' },
    })
    expect(text).not.toMatch(/database|sqlite|at /i)
    expect(log).toHaveBeenCalledTimes(1)
  })
})
