import { describe, expect, it } from 'vitest'
import {
  type AdminClient,
  adminTestApp,
  SELF_ORIGIN,
} from '../../test/support/create-admin-client.ts'
import { bearer, type TestApp } from '../../test/support/create-test-app.ts'

// NUL, lone surrogates and invalid UTF-8 in any string field of any body are answered 4xx and
// never reach the store (issue: hostile API input). A lone surrogate arrives JSON-escaped
// ("\ud800", which JSON.parse turns into a lone UTF-16 unit) or as raw CESU-8 bytes; invalid
// UTF-8 arrives as raw bytes the JSON text cannot hold.

type Hostile = {
  name: string
  body: (fields: Record<string, unknown>, field: string) => string | Uint8Array<ArrayBuffer>
}

const VALID_COMMENT = { uri: '/post', text: 'A fine comment' }

/** Replaces `field` with a marker, then the marker with a hostile JSON string or raw bytes. */
function withMarker(fields: Record<string, unknown>, field: string, inArray: boolean): string {
  return JSON.stringify({ ...fields, [field]: inArray ? ['ok', '@@HOSTILE@@'] : '@@HOSTILE@@' })
}
const bytes = (json: string, raw: number[]) => {
  const [before = '', after = ''] = json.split('@@HOSTILE@@')
  return new Uint8Array(Buffer.concat([Buffer.from(before), Buffer.from(raw), Buffer.from(after)]))
}

const ARRAY_FIELDS = new Set(['words', 'emails', 'clients', 'ids'])
const HOSTILE: Hostile[] = [
  {
    name: 'a NUL',
    body: (f, k) => withMarker(f, k, ARRAY_FIELDS.has(k)).replace('@@HOSTILE@@', 'a\\u0000b'),
  },
  {
    name: 'a lone high surrogate',
    body: (f, k) => withMarker(f, k, ARRAY_FIELDS.has(k)).replace('@@HOSTILE@@', 'a\\ud800b'),
  },
  {
    name: 'a lone low surrogate',
    body: (f, k) => withMarker(f, k, ARRAY_FIELDS.has(k)).replace('@@HOSTILE@@', '\\udc00'),
  },
  {
    name: 'a raw NUL byte',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0x61, 0x00]),
  },
  {
    name: 'CESU-8 surrogate bytes',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0xed, 0xa0, 0x80]),
  },
  {
    name: 'an overlong sequence',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0xc0, 0xaf]),
  },
  {
    name: 'a lone continuation byte',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0x61, 0x80]),
  },
  {
    name: 'a truncated sequence',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0xe2, 0x82]),
  },
  {
    name: 'a code point above U+10FFFF',
    body: (f, k) => bytes(withMarker(f, k, ARRAY_FIELDS.has(k)), [0xf4, 0x90, 0x80, 0x80]),
  },
]

interface Target {
  method: string
  /** Path; ":id" becomes the id of the comment made first. */
  path: string
  fields: Record<string, unknown>
  strings: string[]
  admin?: boolean
}

const TARGETS: Target[] = [
  {
    method: 'POST',
    path: '/api/comments',
    fields: {
      uri: '/post',
      text: 'Another fine comment',
      name: 'Ann',
      email: 'ann@example.com',
      website: 'https://a.example/',
      title: 'T',
    },
    // Not the honeypot (HONEYPOT_FIELD): anything in it is answered 202 and stored as spam by
    // design, so that bots learn nothing; its value is never stored.
    strings: ['uri', 'text', 'name', 'email', 'website', 'title'],
  },
  { method: 'PATCH', path: '/api/comments/:id', fields: { text: 'Edited' }, strings: ['text'] },
  { method: 'POST', path: '/api/preview', fields: { text: 'Preview' }, strings: ['text'] },
  { method: 'POST', path: '/api/admin/login', fields: { password: 'x' }, strings: ['password'] },
  {
    method: 'PATCH',
    path: '/api/admin/comments/:id',
    fields: { text: 'By the owner' },
    strings: ['text', 'status'],
    admin: true,
  },
  {
    method: 'POST',
    path: '/api/admin/comments/:id/reply',
    fields: { text: 'Reply' },
    strings: ['text'],
    admin: true,
  },
  {
    method: 'PATCH',
    path: '/api/admin/threads',
    fields: { uri: '/post', closed: true },
    strings: ['uri'],
    admin: true,
  },
  {
    method: 'PUT',
    path: '/api/admin/blocklist',
    fields: { words: [], emails: [], clients: [] },
    strings: ['words', 'emails', 'clients'],
    admin: true,
  },
  {
    method: 'POST',
    path: '/api/admin/bans',
    fields: { email: 'spam@example.com' },
    strings: ['email'],
    admin: true,
  },
]

/** Everything a request could have written: comments (all fields), threads, blocklist, outbox. */
async function snapshot(t: TestApp, admin: AdminClient): Promise<unknown> {
  const comments = await t.store.searchComments({ order: 'asc', limit: 1_000 })
  const threads = await t.store.listThreads(1_000, 0)
  const blocklist = await admin.json('GET', '/api/admin/blocklist')
  return { comments, threads, blocklist, outbox: await t.store.listOutbox() }
}

describe('hostile strings in request bodies', () => {
  for (const target of TARGETS) {
    for (const field of target.strings) {
      it(`${target.method} ${target.path}: refuses each hostile string in ${field} and stores nothing`, async () => {
        const t = await adminTestApp({ CAUSERIE_MODERATION: 'open' })
        const created = await t.create({ ...VALID_COMMENT })
        const path = target.path.replace(':id', String(created.comment.id))
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          origin: SELF_ORIGIN,
          ...(target.path === '/api/comments/:id' ? bearer(created.token) : {}),
          ...(target.admin ? { cookie: t.admin.cookie } : {}),
        }
        const before = await snapshot(t, t.admin)
        for (const hostile of HOSTILE) {
          const response = await t.app.request(path, {
            method: target.method,
            headers,
            body: hostile.body(target.fields, field),
          })
          const seen = `${hostile.name}: ${response.status} ${await response.clone().text()}`
          expect(response.status, seen).toBeGreaterThanOrEqual(400)
          expect(response.status, seen).toBeLessThan(500)
          const { error } = (await response.json()) as { error: { code: string } }
          expect(
            ['invalid_input', 'invalid_encoding', 'invalid_json', 'wrong_password'],
            seen,
          ).toContain(error.code)
          expect(await snapshot(t, t.admin), seen).toEqual(before)
        }
        // The same request with good values passes (login: a wrong password, but no encoding
        // error): the refusals above were about the hostile string, not a broken request.
        const good = await t.app.request(path, {
          method: target.method,
          headers,
          body: JSON.stringify(target.fields),
        })
        const expected = target.path === '/api/admin/login' ? 401 : good.status
        expect(good.status, await good.clone().text()).toBe(expected)
        expect(good.status, await good.clone().text()).not.toBeGreaterThan(
          expected === 401 ? 401 : 299,
        )
      })
    }
  }
})
