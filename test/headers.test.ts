import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminApi } from './support/admin.ts'
import { expectStatus, http, type RawResponse } from './support/api.ts'
import { ROOT, startServer, type TestServer } from './support/server.ts'

// The headers every answer carries, over real HTTP from the built server: the CSPs of the pages,
// nosniff and a Referrer-Policy everywhere, and CORS exactly as CAUSERIE_ORIGINS says.

const LISTED = 'https://blog.example'
const UNLISTED = 'https://elsewhere.example'
let server: TestServer
const admin = adminApi(() => server.url)

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_ORIGINS: LISTED } })
  expectStatus(await admin.login(), 204)
})
afterAll(async () => {
  await server?.dispose()
})

const get = (path: string, headers?: Record<string, string>) =>
  http(`${server.url}${path}`, { headers })

/** A CSP as directive → sources; fails on a directive given twice (browsers keep the first). */
function parseCsp(res: RawResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy']
  expect(typeof header, 'one Content-Security-Policy header').toBe('string')
  const directives = new Map<string, string[]>()
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (!name) continue
    expect(directives.has(name), `${name} given twice`).toBe(false)
    directives.set(name.toLowerCase(), sources)
  }
  return directives
}

/** What a page's CSP must hold, whatever else it allows. */
function expectStrictCsp(csp: Map<string, string[]>): void {
  const scripts = csp.get('script-src') ?? csp.get('default-src')
  expect(scripts).toBeDefined()
  expect(scripts).not.toContain("'unsafe-inline'")
  expect(scripts).not.toContain("'unsafe-eval'")
  expect(scripts).not.toContain('*')
  expect(scripts?.some((source) => /^(https?:|data:|blob:)$/.test(source))).toBe(false)
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'none'"])
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  expect(csp.get('default-src')).toEqual(["'self'"])
}

describe('pages', () => {
  it('serves the admin panel under a strict CSP, unframeable, without a referrer', async () => {
    for (const path of ['/admin', '/admin/']) {
      const res = await get(path)
      expectStatus(res, 200)
      const csp = parseCsp(res)
      expectStrictCsp(csp)
      // The panel's CSS is a file: no inline style either.
      expect(csp.get('style-src')).toEqual(["'self'"])
      expect(csp.get('connect-src')).toEqual(["'self'"])
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
    }
  })

  it('serves the demo under its own strict CSP', async () => {
    const res = await get('/')
    expectStatus(res, 200)
    const csp = parseCsp(res)
    expectStrictCsp(csp)
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
  })
})

describe('every answer', () => {
  it('carries nosniff and a Referrer-Policy: API, errors, files, pages', async () => {
    const assets = readdirSync(join(ROOT, 'dist/public/assets'))
    const adminAssets = readdirSync(join(ROOT, 'dist/public/admin/assets'))
    const answers: [string, RawResponse][] = []
    const record = async (what: string, res: Promise<RawResponse>) =>
      answers.push([what, await res])
    await record('thread', get('/api/comments?uri=/post'))
    await record('counts', get('/api/counts?uri=/post'))
    await record('health', get('/healthz'))
    await record('no uri', get('/api/comments'))
    await record('404 api', get('/api/nothing-here'))
    await record('404 page', get('/nothing-here'))
    await record('415', http(`${server.url}/api/comments`, { method: 'POST', body: 'not json' }))
    await record(
      '422',
      http(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uri: '/post', text: '' }),
      }),
    )
    await record(
      '403 origin',
      http(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: UNLISTED },
        body: JSON.stringify({ uri: '/post', text: 'hi' }),
      }),
    )
    await record('401 admin', get('/api/admin/comments'))
    await record('admin api', admin.call('GET', '/api/admin/comments'))
    await record('embed.js', get('/embed.js'))
    for (const asset of assets) await record(asset, get(`/assets/${asset}`))
    for (const asset of adminAssets) await record(asset, get(`/admin/assets/${asset}`))
    await record('admin', get('/admin'))
    await record('demo', get('/'))
    await record(
      'preflight',
      http(`${server.url}/api/comments`, {
        method: 'OPTIONS',
        headers: { origin: LISTED, 'access-control-request-method': 'POST' },
      }),
    )
    for (const [what, res] of answers) {
      expect(res.status, what).toBeLessThan(500)
      expect(res.headers['x-content-type-options'], what).toBe('nosniff')
      expect(res.headers['referrer-policy'], what).toMatch(
        /^(no-referrer|strict-origin-when-cross-origin|same-origin|strict-origin)$/,
      )
    }
    // The statuses asked for were the ones tested.
    const refusals = answers.filter(([, res]) => res.status >= 400)
    expect(refusals.map(([what, res]) => [what, res.status])).toEqual([
      ['no uri', 422],
      ['404 api', 404],
      ['404 page', 404],
      ['415', 415],
      ['422', 422],
      ['403 origin', 403],
      ['401 admin', 401],
    ])
  })
})

describe('CORS, exactly as configured', () => {
  const preflight = (path: string, origin: string, method: string) =>
    http(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type',
      },
    })

  it('opens reads to every page', async () => {
    for (const origin of [LISTED, UNLISTED]) {
      const thread = await get('/api/comments?uri=/post', { origin })
      expectStatus(thread, 200)
      expect(thread.headers['access-control-allow-origin']).toBe('*')
      const counts = await get('/api/counts?uri=/post', { origin })
      expect(counts.headers['access-control-allow-origin']).toBe('*')
      const read = await preflight('/api/comments?uri=/post', origin, 'GET')
      expect(read.headers['access-control-allow-origin']).toBe('*')
      expect(read.headers['access-control-allow-credentials']).toBeUndefined()
    }
  })

  it('lets only listed origins write', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const listed = await preflight('/api/comments/1', LISTED, method)
      expect(listed.headers['access-control-allow-origin'], method).toBe(LISTED)
      expect(listed.headers.vary, method).toMatch(/\bOrigin\b/i)
      expect(listed.headers['access-control-allow-methods'], method).toContain(method)
      expect(listed.headers['access-control-allow-credentials'], method).toBeUndefined()
      const unlisted = await preflight('/api/comments/1', UNLISTED, method)
      expect(unlisted.headers['access-control-allow-origin'], method).toBeUndefined()
      expect(unlisted.headers['access-control-allow-methods'], method).toBeUndefined()
    }
    const post = (origin: string) =>
      http(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ uri: '/cors', text: `from ${origin}` }),
      })
    const fromListed = await post(LISTED)
    expectStatus(fromListed, 201)
    expect(fromListed.headers['access-control-allow-origin']).toBe(LISTED)
    expect(fromListed.headers.vary).toMatch(/\bOrigin\b/i)
    const fromUnlisted = await post(UNLISTED)
    expectStatus(fromUnlisted, 403)
    expect(fromUnlisted.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('never gives the admin API to another origin', async () => {
    for (const origin of [LISTED, UNLISTED, server.url]) {
      for (const method of ['GET', 'POST', 'PATCH']) {
        const res = await preflight('/api/admin/comments', origin, method)
        expect(res.headers['access-control-allow-origin'], `${origin} ${method}`).toBeUndefined()
      }
      const listing = await admin.call('GET', '/api/admin/comments', undefined, { origin })
      expect(listing.headers['access-control-allow-origin'], origin).toBeUndefined()
      const login = await http(`${server.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ password: 'wrong' }),
      })
      expect(login.headers['access-control-allow-origin'], origin).toBeUndefined()
    }
  })
})
