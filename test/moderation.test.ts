import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommentResponse, CreatedResponse } from '../server/contract.ts'
import { adminApi } from './support/admin.ts'
import { apiClient, expectError, expectStatus, type RawResponse } from './support/api.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// What moderation means for authors, over real HTTP against the built server: an edit goes back
// to the queue, a held comment is no duplicate oracle, a closed thread takes no edits. Readers
// are told apart by X-Forwarded-For, which these servers believe from loopback.

const servers: TestServer[] = []
const answers: RawResponse[] = []
let threadCounter = 0
const freshThread = () => `/moderation/${++threadCounter}`

async function start(moderation: string): Promise<TestServer> {
  const server = await startServer({
    env: {
      CAUSERIE_DEMO: 'off',
      CAUSERIE_MODERATION: moderation,
      CAUSERIE_TRUST_PROXY: '127.0.0.1',
    },
  })
  servers.push(server)
  return server
}

/** The public API and the admin API of one server, as one reader (one address) sees it. */
function clients(server: TestServer) {
  const api = apiClient(
    () => server.url,
    (res) => answers.push(res),
  )
  const admin = adminApi(() => server.url)
  const as = (address: string) => ({ 'x-forwarded-for': address })
  return { api, admin, as }
}

let all: TestServer
let firstTime: TestServer
beforeAll(async () => {
  ;[all, firstTime] = await Promise.all([start('all'), start('first-time')])
})
afterAll(async () => {
  await Promise.all(servers.map((server) => server.dispose()))
})

describe('an author’s edit in moderated modes', () => {
  it('all: sends an approved comment back to the queue (200, pending, no longer shown)', async () => {
    const { api, admin } = clients(all)
    expectStatus(await admin.login(), 204)
    const uri = freshThread()
    const res = await api.post({ uri, text: 'A harmless remark' })
    expectStatus(res, 202)
    const { comment, token } = res.json as CreatedResponse
    await admin.json('PATCH', `/api/admin/comments/${comment.id}`, { status: 'published' })
    expect((await api.thread(uri)).total).toBe(1)

    const edited = await api.patch(comment.id, 'Cheap pills at https://spam.example', token)
    expectStatus(edited, 200)
    expect((edited.json as CommentResponse).comment).toMatchObject({
      id: comment.id,
      status: 'pending',
    })
    expect(await api.thread(uri)).toEqual({ uri, total: 0, comments: [] })
  })

  it('first-time: holds the edit unless the author has another approved comment', async () => {
    const { api, admin } = clients(firstTime)
    expectStatus(await admin.login(), 204)
    const uri = freshThread()
    const first = await api.post({ uri, text: 'First words', email: 'ann@example.com' })
    expectStatus(first, 202)
    const one = first.json as CreatedResponse
    await admin.json('PATCH', `/api/admin/comments/${one.comment.id}`, { status: 'published' })
    // Its only approved comment: the edit waits for the owner again.
    const held = await api.patch(one.comment.id, 'First words, edited', one.token)
    expect((held.json as CommentResponse).comment.status).toBe('pending')
    await admin.json('PATCH', `/api/admin/comments/${one.comment.id}`, { status: 'published' })

    // A known author's second comment is published at once, and so are its edits.
    const two = await api.create({ uri, text: 'Second words', email: 'ann@example.com' })
    const kept = await api.patch(two.comment.id, 'Second words, edited', two.token)
    expect((kept.json as CommentResponse).comment.status).toBe('published')
    expect((await api.thread(uri)).total).toBe(2)
  })
})

describe('duplicates', () => {
  it('compare a held comment only with its own client’s, so a 422 reveals nothing held', async () => {
    const { api, as } = clients(all)
    const uri = freshThread()
    expectStatus(await api.post({ uri, text: 'Secret plan' }, as('203.0.113.1')), 202)
    expectStatus(await api.post({ uri, text: 'secret PLAN' }, as('203.0.113.2')), 202)
    const again = await api.post({ uri, text: 'Secret plan' }, as('203.0.113.1'))
    expectError(again, 422, 'duplicate_comment', 'text')
  })
})

describe('a closed thread', () => {
  it('refuses an author’s edit with 403 thread_closed, and still lets the author delete', async () => {
    const { api, admin } = clients(all)
    expectStatus(await admin.login(), 204)
    const uri = freshThread()
    const res = await api.post({ uri, text: 'Said before closing' })
    const { comment, token } = res.json as CreatedResponse
    await admin.json('PATCH', '/api/admin/threads', { uri, closed: true })
    expectError(await api.patch(comment.id, 'Sneaked in after', token), 403, 'thread_closed')
    const removed = await api.remove(comment.id, token)
    expectStatus(removed, 204)
  })
})

describe('every answer of this file', () => {
  it('was never a 5xx, and no server logged a stack trace', () => {
    expect(answers.filter((res) => res.status >= 500)).toEqual([])
    for (const server of servers) expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
