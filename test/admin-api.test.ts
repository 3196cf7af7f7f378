import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AdminCommentResponse,
  AdminCommentsResponse,
  AdminSessionResponse,
  AdminStatsResponse,
  AdminThread,
  Blocklist,
  CreatedResponse,
} from '../server/contract.ts'
import { ADMIN_PASSWORD, adminApi, startPrinting } from './support/admin.ts'
import { apiClient, expectError, expectStatus, http, type RawResponse } from './support/api.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// The admin API over real HTTP against the built server: sessions, the guard (401, 403, 429),
// and the moderation actions the admin panel calls.

let server: TestServer
const answers: RawResponse[] = []
const api = apiClient(
  () => server.url,
  (res) => answers.push(res),
)
const admin = adminApi(() => server.url)
let threadCounter = 0
const freshThread = () => `/admin-api/${++threadCounter}`

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off', CAUSERIE_MODERATION: 'all' } })
  expectStatus(await admin.login(), 204)
})
afterAll(async () => {
  await server?.dispose()
})

/** Posts a comment that the `all` moderation mode holds: 202. */
async function held(uri: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await api.post({ uri, text, ...extra })
  expectStatus(res, 202)
  return (res.json as CreatedResponse).comment.id
}

describe('the guard over real HTTP', () => {
  const paths: [string, string][] = [
    ['GET', '/api/admin/session'],
    ['GET', '/api/admin/comments?status=pending'],
    ['GET', '/api/admin/stats'],
    ['GET', '/api/admin/threads'],
    ['GET', '/api/admin/blocklist'],
    ['PATCH', '/api/admin/comments/1'],
    ['POST', '/api/admin/comments/bulk'],
    ['POST', '/api/admin/logout'],
  ]

  it('answers 401 without a session, or with a forged one', async () => {
    for (const cookie of [
      undefined,
      'causerie_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      for (const [method, path] of paths) {
        const res = await http(`${server.url}${path}`, {
          method,
          headers: { origin: server.url, ...(cookie ? { cookie } : {}) },
        })
        expectError(res, 401, 'unauthorized')
      }
    }
  })

  it('answers 403 to a state change from a foreign Origin or without one, even logged in', async () => {
    const id = await held(freshThread(), 'guarded')
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: '' },
    ]) {
      const res = await admin.call(
        'PATCH',
        `/api/admin/comments/${id}`,
        { status: 'published' },
        headers,
      )
      expectError(res, 403, 'forbidden_origin')
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
    }
    const noOrigin = await http(`${server.url}/api/admin/comments/${id}`, {
      method: 'PATCH',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'published' }),
    })
    expectError(noOrigin, 403, 'forbidden_origin')
    const { comment } = await admin.json<AdminCommentResponse>('GET', `/api/admin/comments/${id}`)
    expect(comment.status).toBe('pending')
  })

  it('grants no CORS to the admin API, not even to a preflight', async () => {
    const res = await http(`${server.url}/api/admin/comments/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PATCH' },
    })
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    const read = await admin.call('GET', '/api/admin/session', undefined, {
      origin: 'https://evil.example',
    })
    expect(read.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('sets an HttpOnly, SameSite=Strict cookie, and logs out', async () => {
    const other = adminApi(() => server.url)
    const res = await other.login()
    expectStatus(res, 204)
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^causerie_session=[\w-]{43}; Max-Age=604800; Path=\/api\/admin; HttpOnly; SameSite=Strict$/,
    )
    const session = await other.json<AdminSessionResponse>('GET', '/api/admin/session')
    expect(session).toMatchObject({ moderation: 'all', mail: false, webhook: false })
    expectStatus(await other.call('POST', '/api/admin/logout'), 204)
    expectError(await other.call('GET', '/api/admin/session'), 401, 'unauthorized')
    expectStatus(await admin.call('GET', '/api/admin/session'), 200)
  })
})

describe('login limit over real HTTP', () => {
  it('answers 401 to wrong passwords, then 429 with Retry-After after 5 failures a minute', async () => {
    const own = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
    try {
      const client = adminApi(() => own.url)
      expectStatus(await client.login(), 204)
      const tries = await Promise.all(
        Array.from({ length: 7 }, () => client.login('wrong password')),
      )
      expect(tries.map((res) => res.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429])
      const blocked = await client.login(ADMIN_PASSWORD)
      expectError(blocked, 429, 'rate_limited')
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
      expect(tries.find((res) => res.status === 401)?.json).toMatchObject({
        error: { code: 'wrong_password' },
      })
    } finally {
      await own.dispose()
    }
  })
})

describe('moderation over real HTTP', () => {
  it('holds a comment (202, invisible, not counted), and publishes it on approval', async () => {
    const uri = freshThread()
    const id = await held(uri, 'wait for me', { email: 'me@example.com' })
    expect(await api.thread(uri)).toEqual({ uri, total: 0, comments: [] })
    expect(await api.counts([uri])).toEqual({ [uri]: 0 })
    const queue = await admin.json<AdminCommentsResponse>(
      'GET',
      '/api/admin/comments?status=pending',
    )
    const queued = queue.comments.find((comment) => comment.id === id)
    expect(queued).toMatchObject({
      email: 'me@example.com',
      uri,
      status: 'pending',
      text: 'wait for me',
    })
    const ids = queue.comments.map((comment) => comment.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    await admin.json('PATCH', `/api/admin/comments/${id}`, { status: 'published' })
    const thread = await api.thread(uri)
    expect(thread.total).toBe(1)
    expect(thread.comments[0]).toMatchObject({ id, status: 'published' })
  })

  it('deletes with undo, edits, and acts in bulk', async () => {
    const uri = freshThread()
    const a = await held(uri, 'first')
    const b = await held(uri, 'second')
    const bulk = await admin.json<{ comments: unknown[] }>('POST', '/api/admin/comments/bulk', {
      ids: [a, b],
      status: 'published',
    })
    expect(bulk.comments).toHaveLength(2)
    await admin.json('PATCH', `/api/admin/comments/${a}`, { status: 'deleted' })
    expect((await api.thread(uri)).comments.map((comment) => comment.id)).toEqual([b])
    await admin.json('PATCH', `/api/admin/comments/${a}`, { status: 'published' })
    const edited = await admin.json<AdminCommentResponse>('PATCH', `/api/admin/comments/${b}`, {
      text: '*better*',
    })
    expect(edited.comment.html).toBe('<p><em>better</em></p>\n')
    expect((await api.thread(uri)).comments.map((comment) => comment.html)).toEqual([
      '<p>first</p>\n',
      '<p><em>better</em></p>\n',
    ])
  })

  it('shows the owner’s reply with isOwner, and closes a thread to new comments', async () => {
    const uri = freshThread()
    const question = await held(uri, 'a question')
    const { comment } = await admin.json<AdminCommentResponse>(
      'POST',
      `/api/admin/comments/${question}/reply`,
      { text: 'an answer', name: 'Site owner' },
      201,
    )
    const thread = await api.thread(uri)
    expect(thread.comments.map((shown) => [shown.id, shown.isOwner ?? false])).toEqual([
      [question, false],
      [comment.id, true],
    ])
    const closed = await admin.json<{ thread: AdminThread }>('PATCH', '/api/admin/threads', {
      uri,
      closed: true,
    })
    expect(closed.thread).toMatchObject({ uri, closed: true, counts: { published: 2 } })
    expectError(await api.post({ uri, text: 'too late' }), 403, 'thread_closed')
    expect(await api.thread(uri)).toMatchObject({ total: 2, closed: true })
    const threads = await admin.json<{ threads: AdminThread[] }>('GET', '/api/admin/threads')
    expect(threads.threads.find((listed) => listed.uri === uri)?.closed).toBe(true)
  })

  it('searches, counts per day, and bans through the blocklist', async () => {
    const uri = freshThread()
    await held(uri, 'a rare zebra sighting', { email: 'zebra@example.com' })
    const found = await admin.json<AdminCommentsResponse>('GET', '/api/admin/comments?q=ZEBRA')
    expect(found.comments.map((comment) => comment.email)).toEqual(['zebra@example.com'])
    const stats = await admin.json<AdminStatsResponse>('GET', '/api/admin/stats')
    expect(stats.days).toHaveLength(30)
    expect(stats.days.at(-1)?.date).toBe(new Date().toISOString().slice(0, 10))
    expect(stats.days.at(-1)?.comments).toBeGreaterThan(0)
    await admin.json<Blocklist>('POST', '/api/admin/bans', { email: 'zebra@example.com' })
    const spam = await api.post({ uri, text: 'zebras again', email: 'Zebra@Example.com' })
    expectStatus(spam, 202)
    const spamList = await admin.json<AdminCommentsResponse>(
      'GET',
      `/api/admin/comments?status=spam&uri=${uri}`,
    )
    expect(spamList.comments.map((comment) => comment.text)).toEqual(['zebras again'])
  })

  it('refuses duplicates, too many links and a filled honeypot the way the issue says', async () => {
    const uri = freshThread()
    await held(uri, 'once only')
    expectError(await api.post({ uri, text: 'ONCE only' }), 422, 'duplicate_comment', 'text')
    const links = 'https://a.example https://b.example https://c.example https://d.example'
    expectError(await api.post({ uri, text: links }), 422, 'too_many_links', 'text')
    const trapped = await api.post({ uri, text: 'I am a bot', homepage: 'https://spam.example' })
    expectStatus(trapped, 202)
    expect((trapped.json as CreatedResponse).comment.status).toBe('pending')
  })
})

describe('the generated password', () => {
  it('is printed once at first start, works, and is not printed again after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'causerie-password-'))
    const dbPath = join(dir, 'causerie.db')
    try {
      const first = await startPrinting(dbPath)
      const line = /^Causerie admin password \(shown once\): (\S+)$/m.exec(first.stdout)
      const password = line?.[1] ?? ''
      expect(password).toMatch(/^[\w-]{24}$/)
      expectStatus(await adminApi(() => first.url).login(password), 204)
      expectError(await adminApi(() => first.url).login(ADMIN_PASSWORD), 401, 'wrong_password')
      await first.stop()
      const second = await startPrinting(dbPath)
      expect(second.stdout).not.toContain('password')
      expectStatus(await adminApi(() => second.url).login(password), 204)
      await second.stop()
      // CAUSERIE_ADMIN_PASSWORD, once set, wins over the generated one.
      const third = await startPrinting(dbPath, { CAUSERIE_ADMIN_PASSWORD: ADMIN_PASSWORD })
      expectStatus(await adminApi(() => third.url).login(ADMIN_PASSWORD), 204)
      await third.stop()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('every answer of this file', () => {
  it('was never a 5xx and never carried a stack trace', () => {
    for (const res of answers) {
      expect(res.status).toBeLessThan(500)
      expect(res.text).not.toMatch(STACK_TRACE)
    }
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
