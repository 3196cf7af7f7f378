import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminCommentsResponse, CreatedResponse, EraseResponse } from '../server/contract.ts'
import { adminApi } from './support/admin.ts'
import { apiClient, expectStatus, type RawResponse } from './support/api.ts'
import { startServer, type TestServer } from './support/server.ts'

// A reader's email never leaves the server except to the admin API, and the owner can erase
// everything tied to it in one action: afterwards the address is in no table of the SQLite file,
// nor in its bytes. Over real HTTP against the built server.

const EMAIL = 'Privacy.Reader@Example.org'
const needle = EMAIL.toLowerCase()

let server: TestServer
const publicAnswers: RawResponse[] = []
const api = apiClient(
  () => server.url,
  (res) => publicAnswers.push(res),
)
const admin = adminApi(() => server.url)
let parent: CreatedResponse
let lone: CreatedResponse

beforeAll(async () => {
  server = await startServer({
    env: {
      CAUSERIE_DEMO: 'on',
      // Mail is queued in the database; nothing listens on port 9, so it stays queued.
      SMTP_URL: 'smtp://127.0.0.1:9',
      CAUSERIE_PUBLIC_URL: 'http://127.0.0.1',
      CAUSERIE_NOTIFY_EMAIL: 'owner@blog.example',
    },
  })
  expectStatus(await admin.login(), 204)
})
afterAll(async () => {
  await server?.dispose()
})

/** Every row of every table whose text, in any column, holds the address (any case). */
function rowsMentioning(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[]
    const found: string[] = []
    for (const table of tables) {
      const columns = db.pragma(`table_info("${table}")`) as { name: string }[]
      for (const { name } of columns) {
        const hits = db
          .prepare(`SELECT count(*) FROM "${table}" WHERE instr(lower(CAST("${name}" AS TEXT)), ?)`)
          .pluck()
          .get(needle) as number
        if (hits > 0) found.push(`${table}.${name}: ${hits}`)
      }
    }
    return found
  } finally {
    db.close()
  }
}

function fileMentions(path: string): boolean {
  const bytes = (suffix: string) => {
    try {
      return readFileSync(`${path}${suffix}`).toString('latin1').toLowerCase()
    } catch {
      return ''
    }
  }
  return [bytes(''), bytes('-wal')].some((text) => text.includes(needle))
}

describe('emails never appear in a public answer', () => {
  it('keeps the address out of the POST, PATCH, thread, counts, preview and demo answers', async () => {
    parent = await api.create({
      uri: '/privacy/a',
      text: 'I would like replies by mail.',
      name: 'Reader',
      email: EMAIL,
      notify: true,
    })
    await api.create({
      uri: '/privacy/a',
      text: 'A reply from someone else.',
      parentId: parent.comment.id,
      email: 'other@example.net',
    })
    lone = await api.create({ uri: '/privacy/b', text: 'A lone comment.', email: EMAIL })
    expectStatus(await api.patch(lone.comment.id, 'A lone comment, edited.', lone.token), 200)
    await api.thread('/privacy/a')
    await api.thread('/privacy/b')
    await api.counts(['/privacy/a', '/privacy/b'])
    await api.preview('Nothing personal here.')
    expectStatus(await api.get('/'), 200)
  })

  it('keeps it out of error messages too', async () => {
    const refused = [
      // A duplicate, a bad website, a bad parent, a too long name, a wrong token, an old edit.
      await api.post({ uri: '/privacy/b', text: 'A lone comment, edited.', email: EMAIL }),
      await api.post({ uri: '/privacy/b', text: 'x', email: EMAIL, website: 'javascript:1' }),
      await api.post({ uri: '/privacy/b', text: 'y', email: EMAIL, parentId: 999_999 }),
      await api.post({ uri: '/privacy/b', text: 'z', email: EMAIL, name: 'n'.repeat(500) }),
      await api.post({ uri: '/privacy/b', text: 'w', email: `${EMAIL}\r\nBcc: x@y.example` }),
      await api.patch(lone.comment.id, 'stolen', 'not-the-token'),
    ]
    for (const res of refused) expect(res.status).toBeGreaterThanOrEqual(400)
  })

  it('never sent the address in any of those answers', () => {
    expect(publicAnswers.length).toBeGreaterThan(10)
    for (const res of publicAnswers) {
      expect(res.text.toLowerCase(), res.text.slice(0, 200)).not.toContain(needle)
      expect(JSON.stringify(res.headers).toLowerCase()).not.toContain(needle)
    }
  })

  it('shows the address to the admin API only', async () => {
    const search = await admin.json<AdminCommentsResponse>(
      'GET',
      `/api/admin/comments?email=${encodeURIComponent(EMAIL)}`,
    )
    expect(search.comments.map((comment) => comment.id).sort()).toEqual(
      [parent.comment.id, lone.comment.id].sort(),
    )
    expect(search.comments[0]?.email?.toLowerCase()).toBe(needle)
  })
})

describe('POST /api/admin/erase over real HTTP', () => {
  it('erases every trace of the address in one action', async () => {
    const before = rowsMentioning(server.dbPath)
    expect(before).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^comments\.email/),
        expect.stringMatching(/^subscribers\.email/),
        expect.stringMatching(/^outbox\.payload/),
      ]),
    )
    expect(fileMentions(server.dbPath)).toBe(true)
    const mails = Number(before.find((hit) => hit.startsWith('outbox.payload'))?.split(': ')[1])
    const { erased } = await admin.json<EraseResponse>('POST', '/api/admin/erase', {
      email: EMAIL.toUpperCase(),
    })
    expect(erased).toEqual({ comments: 2, subscriptions: 1, mails, bans: 0 })

    expect(rowsMentioning(server.dbPath)).toEqual([])
    expect(fileMentions(server.dbPath)).toBe(false)
    const search = await admin.json<AdminCommentsResponse>(
      'GET',
      `/api/admin/comments?q=${encodeURIComponent('privacy.reader')}`,
    )
    expect(search.comments).toEqual([])

    // The reply of someone else keeps its place below an empty placeholder.
    const [placeholder, reply] = (await api.thread('/privacy/a')).comments
    expect(placeholder).toMatchObject({ id: parent.comment.id, status: 'deleted', html: '' })
    expect(placeholder?.author).toMatchObject({ name: '', website: null })
    expect(reply?.parentId).toBe(parent.comment.id)
    expect((await api.thread('/privacy/b')).comments).toEqual([])
  })

  it('refuses a foreign Origin', async () => {
    const res = await admin.call(
      'POST',
      '/api/admin/erase',
      { email: EMAIL },
      {
        origin: 'https://evil.example',
      },
    )
    expectStatus(res, 403)
  })
})
