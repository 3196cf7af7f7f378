import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AdminCommentsResponse,
  AdminStatsResponse,
  CreatedResponse,
} from '../server/contract.ts'
import { adminApi } from './support/admin.ts'
import { errorOf, http, type RawResponse } from './support/api.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// Hostile input, property-based: random and malformed bodies, headers, query strings, ids and
// paths sent over real HTTP to one built server. Whatever arrives, the answer is never a 5xx, a
// 4xx on /api has the documented error shape, and nothing a refused request carried is stored.
// fast-check prints the seed and the shrunk request of a failure; replay it with `seed` below.

fc.configureGlobal({ seed: 20_251_126, endOnFailure: true })

const THREADS = ['/fuzz/a', '/fuzz/b', '/fuzz/c']
let server: TestServer
/** Ids of the comments the server acknowledged with 201 or 202. */
const acknowledged = new Set<number>()
let requests = 0

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
})

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Buffer
}

/** Sends one request and checks what every answer must hold. */
async function send(request: FuzzRequest): Promise<RawResponse> {
  requests++
  const res = await http(`${server.url}${request.path}`, {
    method: request.method,
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        value === 'SELF' ? server.url : value,
      ]),
    ),
    ...(request.body === undefined ? {} : { body: request.body }),
  })
  const seen = `${request.method} ${request.path} -> ${res.status} ${res.text.slice(0, 300)}`
  expect(res.status, seen).toBeLessThan(500)
  expect(res.status, seen).toBeGreaterThanOrEqual(200)
  // The server resolves dot segments as URL parsing does: /api/../x is not under /api.
  const isApi = new URL(`http://server${request.path}`).pathname.startsWith('/api/')
  if (res.status >= 400 && isApi && request.method !== 'HEAD') {
    expect(res.headers['content-type'], seen).toMatch(/^application\/json/)
    errorOf(res)
  }
  if (res.status === 201 || res.status === 202) {
    expect(request.method, seen).toBe('POST')
    expect(request.path, seen).toMatch(/^\/api\/comments(?:\?|$)/)
    acknowledged.add((res.json as CreatedResponse).comment.id)
  }
  return res
}

// --- Arbitraries -----------------------------------------------------------------------------

/** Characters Node lets a client put in a header value: tab, printable ASCII and Latin-1. */
const headerChar = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0xff }),
  fc.constant(0x09),
)
const headerValue = fc.oneof(
  fc.string({ unit: headerChar.map((code) => String.fromCharCode(code)), maxLength: 200 }),
  fc.constantFrom('', 'null', 'http://evil.example', 'Bearer ', 'Bearer x.y.z', '1.2.3.4, ::1'),
)
/** Characters a request target may hold verbatim. */
const pathChar = fc
  .integer({ min: 0x21, max: 0x7e })
  .filter((code) => code !== 0x23 && code !== 0x3f)
  .map((code) => String.fromCharCode(code))
const segment = fc.oneof(
  fc.string({ unit: pathChar, maxLength: 40 }),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom(
    '%',
    '%zz',
    '%ff',
    '%c0%80',
    '%ed%a0%80',
    '%00',
    '..',
    '%2e%2e',
    '%2F',
    '-1',
    '0',
    '1e3',
    '0x10',
    '9007199254740993',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    '1.5',
    ' 1',
    '１',
  ),
)
const queryPart = fc.oneof(segment, fc.constantFrom('%', '%%', '=', '&', '+', '%u0041', '%ud800'))

/** Strings that break parsers and databases: NUL, lone surrogates, bidi controls, long runs. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\udc00\ud800',
    '\u202e\u2066evil\u2069',
    '\u200b',
    '\ufeff',
    ' ',
    '/',
    'javascript:alert(1)',
    'https://example.com/',
    'a@example.com',
    '<img src=x onerror=alert(1)>',
  ),
  fc.integer({ min: 1, max: 12_000 }).map((n) => 'é'.repeat(n)),
  fc.constant('x'.repeat(70_000)),
)
const hugeNumber = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -0,
  0.5,
  -1,
  2 ** 31,
  2 ** 63,
)
const { json: jsonValue } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    hugeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('json'), { maxKeys: 4 }),
  ),
}))
const FIELDS = [
  'uri',
  'text',
  'parentId',
  'name',
  'email',
  'website',
  'title',
  'notify',
  'homepage',
  'status',
  'password',
  'ids',
  'closed',
  'words',
  'emails',
  'clients',
  '__proto__',
]
/**
 * A comment that is often valid, with up to three of the real field names set to anything: some
 * requests must succeed, or the "nothing stored from a rejected request" check proves nothing.
 */
const commentBody = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...THREADS) }, jsonValue),
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((s) => `fuzz ${s}`) },
      jsonValue,
    ),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), jsonValue), { maxLength: 3 }),
  )
  .map(([uri, text, noise]) => {
    const body: Record<string, unknown> = { uri, text }
    for (const [field, value] of noise) {
      Object.defineProperty(body, field, { value, enumerable: true, writable: true })
    }
    return body
  })
/** JSON texts JSON.stringify never writes: huge literals, duplicate keys, deep nesting. */
const rawJsonText = fc.oneof(
  fc.constantFrom(
    '{"uri":"/fuzz/a","text":"big","parentId":1e400}',
    '{"uri":"/fuzz/a","text":"big","parentId":123456789012345678901234567890}',
    '{"uri":"/fuzz/a","uri":"/fuzz/b","text":"dup"}',
    '{"uri":"/fuzz/a","text":"\\u0000"}',
    '{"uri":"/fuzz/a","text":"\\ud800"}',
    '{"uri":"/fuzz/a","text":"\\udfff\\ud800"}',
    '{"__proto__":{"text":"x"},"uri":"/fuzz/a"}',
    '{"constructor":{"prototype":{"admin":true}},"uri":"/fuzz/a","text":"p"}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `{"a":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_001)}`,
    '',
    'null',
    '[]',
    '"text"',
    '{',
    '\ufeff{"uri":"/fuzz/a","text":"bom"}',
  ),
  fc.json({ maxDepth: 3 }),
)
const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  // Invalid UTF-8 inside an otherwise valid comment.
  fc
    .uint8Array({ minLength: 1, maxLength: 20 })
    .map((bytes) =>
      Buffer.concat([
        Buffer.from('{"uri":"/fuzz/a","text":"bytes '),
        Buffer.from(bytes),
        Buffer.from('"}'),
      ]),
    ),
  fc.constantFrom(
    Buffer.from([0xc0, 0x80]),
    Buffer.from('{"uri":"/fuzz/a","text":"\xff\xfe"}', 'latin1'),
    Buffer.from('{"uri":"/fuzz/a","text":"\xed\xa0\x80"}', 'latin1'),
    Buffer.from('{"uri":"/fuzz/a","text":"\xf4\x90\x80\x80"}', 'latin1'),
    Buffer.from('{"uri":"/fuzz/a","text":"\xe2\x82"}', 'latin1'),
  ),
)
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'application/json; charset=latin1',
    'application/json;;;',
    'APPLICATION/JSON',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ),
  headerValue,
)
/** Up to two of the headers the server looks at, with hostile values; "SELF" is its own origin. */
const headers = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constant('origin'), fc.oneof(headerValue, fc.constantFrom('null', 'SELF'))),
      fc.tuple(fc.constant('authorization'), headerValue),
      fc.tuple(fc.constant('x-forwarded-for'), headerValue),
      fc.tuple(
        fc.constant('cookie'),
        fc.oneof(
          headerValue,
          headerValue.map((value) => `causerie_session=${value}`),
        ),
      ),
    ),
    { maxLength: 2 },
  )
  .map((pairs) => Object.fromEntries(pairs))

const writePaths = [
  '/api/comments',
  '/api/preview',
  '/api/comments/1',
  '/api/admin/login',
  '/api/admin/comments/1',
  '/api/admin/comments/bulk',
  '/api/admin/threads',
  '/api/admin/blocklist',
  '/api/admin/bans',
]
/** Mostly new comments: what succeeds there is what the final check counts. */
const writePath = fc.oneof(
  { weight: 4, arbitrary: fc.constant('/api/comments') },
  { weight: 5, arbitrary: fc.constantFrom(...writePaths) },
)
const methodFor = (path: string) =>
  path === '/api/comments' || path === '/api/preview' || path.endsWith('login')
    ? 'POST'
    : path.endsWith('bulk') || path.endsWith('bans')
      ? 'POST'
      : path.endsWith('blocklist')
        ? 'PUT'
        : 'PATCH'

const ADMIN_ENDPOINTS: [string, string][] = [
  ['GET', '/api/admin/session'],
  ['GET', '/api/admin/comments'],
  ['GET', '/api/admin/comments?status=pending'],
  ['GET', '/api/admin/comments/1'],
  ['PATCH', '/api/admin/comments/1'],
  ['POST', '/api/admin/comments/1/reply'],
  ['POST', '/api/admin/comments/bulk'],
  ['GET', '/api/admin/threads'],
  ['PATCH', '/api/admin/threads'],
  ['GET', '/api/admin/blocklist'],
  ['PUT', '/api/admin/blocklist'],
  ['POST', '/api/admin/bans'],
  ['DELETE', '/api/admin/bans?email=a@example.com'],
  ['GET', '/api/admin/stats'],
  ['POST', '/api/admin/logout'],
]

// --- Properties ------------------------------------------------------------------------------

describe('the API under random input', () => {
  it('answers JSON bodies with random fields, types and headers without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        writePath,
        fc.oneof(
          { weight: 3, arbitrary: commentBody.map((body) => JSON.stringify(body)) },
          { weight: 1, arbitrary: rawJsonText },
        ),
        headers,
        async (path, body, extra) => {
          await send({
            method: methodFor(path),
            path,
            headers: { 'content-type': 'application/json', ...extra },
            body,
          })
        },
      ),
      { numRuns: 220 },
    )
  })

  it('answers raw bytes, invalid UTF-8 and random content types without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(writePath, rawBytes, contentType, async (path, body, type) => {
        await send({ method: methodFor(path), path, headers: { 'content-type': type }, body })
      }),
      { numRuns: 100 },
    )
  })

  it('answers random query strings on the thread and count reads without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/comments', '/api/counts'),
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom('uri', 'uri', 'uri', 'limit', ''), queryPart),
            queryPart,
          ),
          { maxLength: 8 },
        ),
        headers,
        async (path, pairs, extra) => {
          const query = pairs.map(([key, value]) => `${key}=${value}`).join('&')
          await send({ method: 'GET', path: `${path}?${query}`, headers: extra })
        },
      ),
      { numRuns: 100 },
    )
  })

  it('answers random comment ids for PATCH, DELETE and GET without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PATCH', 'DELETE', 'GET', 'PUT'),
        segment,
        commentBody,
        headers,
        async (method, id, body, extra) => {
          await send({
            method,
            path: `/api/comments/${id}`,
            headers: { 'content-type': 'application/json', ...extra },
            ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
          })
        },
      ),
      { numRuns: 70 },
    )
  })

  it('answers random paths under /api and /admin with any method without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/', '/api/admin/', '/admin/', '/api/comments/', '/'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'),
        headers,
        async (prefix, segments, method, extra) => {
          await send({ method, path: `${prefix}${segments.join('/')}`, headers: extra })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('refuses every admin endpoint without a session, whatever the body and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ADMIN_ENDPOINTS),
        commentBody,
        headers,
        async ([method, path], body, extra) => {
          const res = await send({
            method,
            path,
            headers: { 'content-type': 'application/json', ...extra },
            ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
          })
          // A foreign Origin may be refused first (403); nothing gets through either way.
          expect([401, 403], `${method} ${path}: ${res.text}`).toContain(res.status)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('stored exactly the comments it acknowledged, and the process survived', async () => {
    expect(requests).toBeGreaterThanOrEqual(500)
    // Else the comparison below would prove nothing.
    expect(acknowledged.size).toBeGreaterThanOrEqual(10)
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
    expect((await http(`${server.url}/healthz`)).status).toBe(200)

    const admin = adminApi(() => server.url)
    expect((await admin.login()).status).toBe(204)
    const stats = await admin.json<AdminStatsResponse>('GET', '/api/admin/stats')
    const stored = Object.values(stats.counts).reduce((sum, n) => sum + n, 0)
    const ids: number[] = []
    let page = await admin.json<AdminCommentsResponse>('GET', '/api/admin/comments?limit=200')
    ids.push(...page.comments.map((comment) => comment.id))
    while (page.next !== null) {
      page = await admin.json<AdminCommentsResponse>(
        'GET',
        `/api/admin/comments?limit=200&before=${page.next}`,
      )
      ids.push(...page.comments.map((comment) => comment.id))
    }
    const sorted = (values: Iterable<number>) => [...values].sort((a, b) => a - b)
    expect(sorted(ids)).toEqual(sorted(acknowledged))
    expect(stored).toBe(acknowledged.size)
    for (const uri of THREADS) {
      const res = await http(`${server.url}/api/comments?uri=${encodeURIComponent(uri)}`)
      expect(res.status).toBe(200)
      for (const { id } of (res.json as { comments: { id: number }[] }).comments) {
        expect(acknowledged.has(id), `comment ${id} in ${uri}`).toBe(true)
      }
    }
  })
})
