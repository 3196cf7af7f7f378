import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ErrorCode, LIMITS } from '../server/contract.ts'
import {
  apiClient,
  errorOf,
  expectError,
  expectStatus,
  http,
  type RawRequest,
  type RawResponse,
} from './support/api.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// Everything a hostile or clumsy client can send, against the built server over real HTTP.
// Every rejection is a documented 4xx with { error: { code, message, field? } }, nothing is stored,
// and the server never answers 5xx nor logs a stack trace.

const BLOG = 'http://blog.example'
const servers: TestServer[] = []
/** Every answer of this file, for the final no-5xx check. */
const answers: { request: string; res: RawResponse }[] = []

let server: TestServer
const api = apiClient(
  () => server.url,
  (res) => answers.push({ request: 'api', res }),
)

beforeAll(async () => {
  server = await start({ CAUSERIE_ORIGINS: BLOG })
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.dispose()))
})

async function start(env: Record<string, string>): Promise<TestServer> {
  const started = await startServer({ env: { CAUSERIE_DEMO: 'off', ...env } })
  servers.push(started)
  return started
}

let threadCounter = 0
function freshThread(): string {
  threadCounter += 1
  return `/bad-input/${threadCounter}`
}

/** Any request, recorded for the final no-5xx check. */
async function send(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const res = await http(url, init)
  answers.push({ request: `${init.method ?? 'GET'} ${url}`, res })
  return res
}

/** POST /api/comments with these exact bytes; `contentType` null sends no Content-Type at all. */
function postRaw(body: string | Buffer, contentType: string | null = 'application/json') {
  const headers: Record<string, string> =
    contentType === null ? {} : { 'content-type': contentType }
  return send(`${server.url}/api/comments`, { method: 'POST', headers, body })
}

function postJson(value: unknown, headers: Record<string, string> = {}, target = server) {
  return send(`${target.url}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  })
}

async function expectEmpty(uri: string, target = server): Promise<void> {
  const res = await send(`${target.url}/api/comments?uri=${encodeURIComponent(uri)}`)
  expectStatus(res, 200)
  expect(res.json, `nothing stored in ${uri}`).toMatchObject({ total: 0, comments: [] })
}

async function rejects(
  res: Promise<RawResponse>,
  status: number,
  code: ErrorCode,
  field?: string,
): Promise<void> {
  expectError(await res, status, code, field)
}

async function created(res: Promise<RawResponse>) {
  const answer = await res
  expectStatus(answer, 201)
  return answer.json as { comment: { id: number; html: string }; token: string }
}

describe('the body of POST /api/comments', () => {
  it('rejects malformed JSON with 400 invalid_json', async () => {
    const uri = freshThread()
    for (const body of [
      `{"uri":"${uri}","text":"hi"`,
      `{"uri":"${uri}","text":"hi",}`,
      `{uri:"${uri}",text:"hi"}`,
      `{'uri':'${uri}','text':'hi'}`,
      `{"uri":"${uri}","text":"hi"} trailing`,
      '',
      ' ',
      'undefined',
      'NaN',
    ]) {
      await rejects(postRaw(body), 400, 'invalid_json')
    }
    await expectEmpty(uri)
  })

  it('rejects a raw NUL or control byte inside a JSON string with 400 invalid_json', async () => {
    const uri = freshThread()
    await rejects(postRaw(`{"uri":"${uri}","text":"a\u0000b"}`), 400, 'invalid_json')
    await rejects(postRaw(`{"uri":"${uri}","text":"a\u0001b"}`), 400, 'invalid_json')
    await expectEmpty(uri)
  })

  it('rejects anything but application/json with 415 unsupported_media_type', async () => {
    const uri = freshThread()
    const body = JSON.stringify({ uri, text: 'hi' })
    for (const type of [
      null,
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonp',
      'json',
    ]) {
      await rejects(postRaw(body, type), 415, 'unsupported_media_type')
    }
    await rejects(
      postRaw(`uri=${uri}&text=hi`, 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    )
    await expectEmpty(uri)
  })

  it('accepts application/json with a charset and in any case', async () => {
    const uri = freshThread()
    await created(postRaw(JSON.stringify({ uri, text: 'a' }), 'application/json; charset=utf-8'))
    await created(postRaw(JSON.stringify({ uri, text: 'b' }), 'Application/JSON'))
  })

  it('rejects a JSON body that is not an object with 422 invalid_input', async () => {
    const uri = freshThread()
    for (const body of [`[{"uri":"${uri}","text":"hi"}]`, '[]', '42', 'null', 'true', `"${uri}"`]) {
      await rejects(postRaw(body), 422, 'invalid_input')
    }
    await expectEmpty(uri)
  })

  it('rejects fields of the wrong type with 422 invalid_input naming the field', async () => {
    const uri = freshThread()
    const cases: [Record<string, unknown>, string][] = [
      [{ uri, text: 123 }, 'text'],
      [{ uri, text: null }, 'text'],
      [{ uri, text: ['hi'] }, 'text'],
      [{ uri, text: { toString: 'hi' } }, 'text'],
      [{ uri }, 'text'],
      [{ uri: 5, text: 'hi' }, 'uri'],
      [{ uri: [uri], text: 'hi' }, 'uri'],
      [{ text: 'hi' }, 'uri'],
      [{ uri, text: 'hi', name: 5 }, 'name'],
      [{ uri, text: 'hi', name: ['a'] }, 'name'],
      [{ uri, text: 'hi', email: true }, 'email'],
      [{ uri, text: 'hi', website: {} }, 'website'],
      [{ uri, text: 'hi', title: 42 }, 'title'],
      [{ uri, text: 'hi', parentId: '1' }, 'parentId'],
      [{ uri, text: 'hi', parentId: 1.5 }, 'parentId'],
      [{ uri, text: 'hi', parentId: -1 }, 'parentId'],
      [{ uri, text: 'hi', parentId: true }, 'parentId'],
      [{ uri, text: 'hi', parentId: { id: 1 } }, 'parentId'],
    ]
    for (const [body, field] of cases) {
      await rejects(postJson(body), 422, 'invalid_input', field)
    }
    await expectEmpty(uri)
  })

  it('ignores __proto__ and unknown keys instead of crashing', async () => {
    const uri = freshThread()
    const res = await postRaw(
      `{"uri":"${uri}","text":"proto","__proto__":{"status":"deleted","isAdmin":true},"constructor":{"prototype":{"x":1}},"status":"spam","id":1}`,
    )
    expect(res.status === 201 || res.status === 422, res.text).toBe(true)
    if (res.status === 201) {
      const thread = await api.thread(uri)
      expect(thread.comments.map((c) => c.status)).toEqual(['published'])
      expect(thread.comments[0]?.id).not.toBe(1)
    }
  })
})

describe('body size', () => {
  /** A valid comment padded with JSON whitespace to exactly `size` bytes. */
  function paddedBody(uri: string, size: number): string {
    const json = JSON.stringify({ uri, text: 'padded' })
    return `${json.slice(0, -1)}${' '.repeat(size - json.length)}}`
  }

  it(`accepts a body of exactly ${LIMITS.bodyBytes} bytes`, async () => {
    const uri = freshThread()
    const body = paddedBody(uri, LIMITS.bodyBytes)
    expect(Buffer.byteLength(body)).toBe(LIMITS.bodyBytes)
    await created(postRaw(body))
  })

  it(`rejects ${LIMITS.bodyBytes} + 1 bytes with 413 payload_too_large`, async () => {
    const uri = freshThread()
    await rejects(postRaw(paddedBody(uri, LIMITS.bodyBytes + 1)), 413, 'payload_too_large')
    await expectEmpty(uri)
  })

  it('rejects a chunked body without Content-Length once it passes the limit', async () => {
    const uri = freshThread()
    const body = paddedBody(uri, LIMITS.bodyBytes + 1)
    const res = await send(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: Readable.from([body.slice(0, 1000), body.slice(1000)]),
    })
    expectError(res, 413, 'payload_too_large')
    await expectEmpty(uri)
  })

  it('answers 413 to an endless streamed body without waiting for its end', async () => {
    const uri = freshThread()
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let first = true
    // Never ends: a server that waits for the whole body never answers, and the test times out.
    const endless = new Readable({
      read() {
        this.push(first ? Buffer.from(`{"uri":"${uri}","text":"`) : chunk)
        first = false
      },
    })
    const res = await send(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
    })
    endless.destroy()
    expectError(res, 413, 'payload_too_large')
    await expectEmpty(uri)
  })

  it('rejects a Content-Length above the limit before reading the body', async () => {
    const uri = freshThread()
    const res = await send(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) },
      body: Readable.from([Buffer.from(`{"uri":"${uri}","text":"x"}`)]),
    })
    expectError(res, 413, 'payload_too_large')
    await expectEmpty(uri)
  })

  it('limits the preview body too', async () => {
    const res = await send(`${server.url}/api/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(LIMITS.bodyBytes) }),
    })
    expectError(res, 413, 'payload_too_large')
  })
})

describe('encoding', () => {
  const invalidUtf8: [string, number[]][] = [
    ['a lone continuation byte', [0x80]],
    ['0xFF', [0xff]],
    ['0xFE 0xFF', [0xfe, 0xff]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a truncated euro sign', [0xe2, 0x82]],
    ['a surrogate encoded as UTF-8 (CESU)', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 é', [0xe9]],
  ]
  for (const [name, bytes] of invalidUtf8) {
    it(`rejects invalid UTF-8 (${name}) with 400 invalid_encoding`, async () => {
      const uri = freshThread()
      const body = Buffer.concat([
        Buffer.from(`{"uri":"${uri}","text":"avant `),
        Buffer.from(bytes),
        Buffer.from(' après"}'),
      ])
      await rejects(postRaw(body), 400, 'invalid_encoding')
      await expectEmpty(uri)
    })
  }

  it('rejects invalid UTF-8 in the name too', async () => {
    const uri = freshThread()
    const body = Buffer.concat([
      Buffer.from(`{"uri":"${uri}","text":"ok","name":"`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ])
    await rejects(postRaw(body), 400, 'invalid_encoding')
    await expectEmpty(uri)
  })

  it('rejects an escaped NUL character with 422 invalid_input', async () => {
    const uri = freshThread()
    await rejects(postRaw(`{"uri":"${uri}","text":"a\\u0000b"}`), 422, 'invalid_input', 'text')
    await rejects(
      postRaw(`{"uri":"${uri}","text":"ok","name":"a\\u0000"}`),
      422,
      'invalid_input',
      'name',
    )
    await expectEmpty(uri)
  })

  it('rejects escaped lone surrogates with 422 invalid_input', async () => {
    const uri = freshThread()
    await rejects(postRaw(`{"uri":"${uri}","text":"\\ud800"}`), 422, 'invalid_input', 'text')
    await rejects(postRaw(`{"uri":"${uri}","text":"a\\udfffb"}`), 422, 'invalid_input', 'text')
    await rejects(postRaw(`{"uri":"${uri}","text":"\\udc00\\ud800"}`), 422, 'invalid_input', 'text')
    await rejects(
      postRaw(`{"uri":"${uri}","text":"ok","name":"\\ud83d"}`),
      422,
      'invalid_input',
      'name',
    )
    await expectEmpty(uri)
  })

  it('accepts an escaped surrogate pair', async () => {
    const uri = freshThread()
    const { comment } = await created(postRaw(`{"uri":"${uri}","text":"\\ud83d\\ude00 ok"}`))
    expect(comment.html).toContain('😀 ok')
  })
})

describe('field limits', () => {
  it('rejects an empty or blank text with 422 invalid_input on text', async () => {
    const uri = freshThread()
    for (const text of ['', ' ', '   \n\t  ', '\n\n']) {
      await rejects(postJson({ uri, text }), 422, 'invalid_input', 'text')
    }
    await expectEmpty(uri)
  })

  it(`accepts ${LIMITS.textMax} characters and rejects ${LIMITS.textMax + 1}`, async () => {
    const uri = freshThread()
    await rejects(
      postJson({ uri, text: 'a'.repeat(LIMITS.textMax + 1) }),
      422,
      'invalid_input',
      'text',
    )
    await expectEmpty(uri)
    await created(postJson({ uri, text: 'a'.repeat(LIMITS.textMax) }))
    // The limit applies after trimming.
    await created(postJson({ uri, text: `  ${'b'.repeat(LIMITS.textMax)}\n ` }))
  })

  it('counts text length in code points, not UTF-16 units', async () => {
    const uri = freshThread()
    await created(postJson({ uri, text: '😀'.repeat(LIMITS.textMax) }))
    await rejects(
      postJson({ uri, text: '😀'.repeat(LIMITS.textMax + 1) }),
      422,
      'invalid_input',
      'text',
    )
  })

  it(`accepts a name of ${LIMITS.nameMax} characters and rejects ${LIMITS.nameMax + 1}`, async () => {
    const uri = freshThread()
    await rejects(
      postJson({ uri, text: 'hi', name: 'n'.repeat(LIMITS.nameMax + 1) }),
      422,
      'invalid_input',
      'name',
    )
    await expectEmpty(uri)
    const { comment } = await created(
      postJson({ uri, text: 'hi', name: 'n'.repeat(LIMITS.nameMax) }),
    )
    expect(comment).toMatchObject({ author: { name: 'n'.repeat(LIMITS.nameMax) } })
  })

  it('rejects a malformed email with 422 invalid_input on email', async () => {
    const uri = freshThread()
    const notRejected: string[] = []
    for (const email of [
      'not-an-email',
      'a@',
      '@example.com',
      'a b@example.com',
      'a@b@example.com',
      'ana@example.com\r\nBcc: victim@example.com',
      '<ana@example.com>',
    ]) {
      const res = await postJson({ uri, text: 'hi', email })
      const error = res.status === 422 ? errorOf(res) : undefined
      if (error?.code !== 'invalid_input' || error.field !== 'email') {
        notRejected.push(`${JSON.stringify(email)}: ${res.status} ${res.text.slice(0, 80)}`)
      }
    }
    expect(notRejected).toEqual([])
    await expectEmpty(uri)
  })

  it(`accepts an email of ${LIMITS.emailMax} characters and rejects ${LIMITS.emailMax + 1}`, async () => {
    const uri = freshThread()
    // RFC 5321: a local part of at most 64 characters, labels of at most 63.
    const email = (length: number) =>
      `${'l'.repeat(64)}@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(length - 197)}.com`
    expect(email(LIMITS.emailMax + 1)).toHaveLength(LIMITS.emailMax + 1)
    expect(email(LIMITS.emailMax)).toHaveLength(LIMITS.emailMax)
    await rejects(
      postJson({ uri, text: 'hi', email: email(LIMITS.emailMax + 1) }),
      422,
      'invalid_input',
      'email',
    )
    await expectEmpty(uri)
    await created(postJson({ uri, text: 'hi', email: email(LIMITS.emailMax) }))
  })

  it('rejects a website that is not an absolute http(s) URL with 422 invalid_input on website', async () => {
    const uri = freshThread()
    for (const website of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://x',
      'file:///etc/passwd',
      '//evil.example/',
      'www.example.com',
      '/relative/path',
      'http://',
      'https://exa mple.com',
    ]) {
      await rejects(postJson({ uri, text: 'hi', website }), 422, 'invalid_input', 'website')
    }
    await expectEmpty(uri)
  })

  it(`accepts a website of ${LIMITS.websiteMax} characters and rejects ${LIMITS.websiteMax + 1}`, async () => {
    const uri = freshThread()
    const website = (length: number) => {
      const prefix = 'https://example.com/'
      return prefix + 'p'.repeat(length - prefix.length)
    }
    await rejects(
      postJson({ uri, text: 'hi', website: website(LIMITS.websiteMax + 1) }),
      422,
      'invalid_input',
      'website',
    )
    await expectEmpty(uri)
    const { comment } = await created(
      postJson({ uri, text: 'hi', website: website(LIMITS.websiteMax) }),
    )
    expect(comment).toMatchObject({ author: { website: website(LIMITS.websiteMax) } })
  })

  it(`rejects a title over ${LIMITS.titleMax} characters`, async () => {
    const uri = freshThread()
    await rejects(
      postJson({ uri, text: 'hi', title: 't'.repeat(LIMITS.titleMax + 1) }),
      422,
      'invalid_input',
      'title',
    )
    await expectEmpty(uri)
  })

  it('rejects direction overrides and zero-width spaces in name, website and title', async () => {
    const uri = freshThread()
    const bodies = [
      { name: 'Bob \u202Egnp.exe' },
      { name: 'Ad\u200Bmin' },
      { name: '\u2066Eve\u2069' },
      { website: 'https://ex\u200Eample.com/' },
      { title: 'A\uFEFFtitle' },
    ]
    for (const body of bodies) {
      const field = Object.keys(body)[0] ?? ''
      await rejects(postJson({ uri, text: `hi ${field}`, ...body }), 422, 'invalid_input', field)
    }
    await expectEmpty(uri)
    const { comment } = await created(postJson({ uri, text: 'hi', name: 'Ana 👩\u200D💻' }))
    expect(comment).toMatchObject({ author: { name: 'Ana 👩\u200D💻' } })
  })

  it(`rejects an empty thread key or one over ${LIMITS.uriMax} characters`, async () => {
    const long = `/${'u'.repeat(LIMITS.uriMax)}`
    await rejects(postJson({ uri: '', text: 'hi' }), 422, 'invalid_input', 'uri')
    await rejects(postJson({ uri: long, text: 'hi' }), 422, 'invalid_input', 'uri')
    const read = await send(`${server.url}/api/comments?uri=${long}`)
    expectError(read, 422, 'invalid_input', 'uri')
  })

  it(`answers at most ${LIMITS.countsMax} keys in one counts call`, async () => {
    const keys = (n: number) =>
      Array.from({ length: n }, (_, i) => `uri=${encodeURIComponent(`/count/${i}`)}`).join('&')
    const ok = await send(`${server.url}/api/counts?${keys(LIMITS.countsMax)}`)
    expectStatus(ok, 200)
    expect(Object.keys((ok.json as { counts: object }).counts)).toHaveLength(LIMITS.countsMax)
    const tooMany = await send(`${server.url}/api/counts?${keys(LIMITS.countsMax + 1)}`)
    expectError(tooMany, 422, 'invalid_input', 'uri')
  })
})

describe('parentId', () => {
  it('rejects an unknown parent with 422 parent_not_found', async () => {
    const uri = freshThread()
    await rejects(postJson({ uri, text: 'orphan', parentId: 987_654_321 }), 422, 'parent_not_found')
    await expectEmpty(uri)
  })

  it('rejects a parent from another thread with 422 parent_not_found', async () => {
    const other = freshThread()
    const uri = freshThread()
    const { comment } = await created(postJson({ uri: other, text: 'ailleurs' }))
    await rejects(postJson({ uri, text: 'intrus', parentId: comment.id }), 422, 'parent_not_found')
    await expectEmpty(uri)
    expect((await api.thread(other)).comments).toHaveLength(1)
  })

  it('rejects a parentId given as a string with 422 invalid_input on parentId', async () => {
    const uri = freshThread()
    const { comment } = await created(postJson({ uri, text: 'parent' }))
    await rejects(
      postJson({ uri, text: 'reply', parentId: String(comment.id) }),
      422,
      'invalid_input',
      'parentId',
    )
    expect((await api.thread(uri)).comments).toHaveLength(1)
  })
})

describe('PATCH and DELETE', () => {
  async function oneComment() {
    const uri = freshThread()
    const made = await created(postJson({ uri, text: 'original' }))
    return { uri, ...made }
  }

  async function expectUnchanged(uri: string, id: number): Promise<void> {
    const thread = await api.thread(uri)
    expect(thread.comments.map((c) => [c.id, c.status, c.editedAt])).toEqual([
      [id, 'published', null],
    ])
    expect(thread.comments[0]?.html).toContain('original')
  }

  it('answers 404 comment_not_found for an unknown id', async () => {
    const { token } = await oneComment()
    await rejects(api.patch(987_654_321, 'x', token), 404, 'comment_not_found')
    await rejects(api.remove(987_654_321, token), 404, 'comment_not_found')
  })

  it('answers 404 for ids that are not whole numbers, without touching the comment', async () => {
    const { uri, comment, token } = await oneComment()
    const id = comment.id
    for (const bad of [
      'abc',
      '-1',
      '0',
      '1e3',
      `${id}e0`,
      `${id}.0`,
      `${id}abc`,
      `+${id}`,
      '0x10',
      '99999999999999999999999999',
      '9007199254740993',
      '%20',
      'null',
    ]) {
      for (const res of [await api.patch(bad, 'hacked', token), await api.remove(bad, token)]) {
        answers.push({ request: `${bad}`, res })
        expect(res.status, `${bad}: ${res.text}`).toBe(404)
        expect(['comment_not_found', 'not_found']).toContain(errorOf(res).code)
      }
    }
    await expectUnchanged(uri, id)
  })

  it('answers 401 token_missing without a token', async () => {
    const { uri, comment } = await oneComment()
    await rejects(api.patch(comment.id, 'hacked'), 401, 'token_missing')
    await rejects(api.remove(comment.id), 401, 'token_missing')
    await rejects(
      api.patch(comment.id, 'hacked', undefined, { authorization: 'Bearer' }),
      401,
      'token_missing',
    )
    await rejects(
      api.remove(comment.id, undefined, { authorization: 'Bearer ' }),
      401,
      'token_missing',
    )
    await expectUnchanged(uri, comment.id)
  })

  it('answers 403 token_invalid for a forged token', async () => {
    const { uri, comment, token } = await oneComment()
    for (const forged of [
      'A'.repeat(token.length),
      `${token}x`,
      token.slice(0, -1),
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      'null',
    ]) {
      await rejects(api.patch(comment.id, 'hacked', forged), 403, 'token_invalid')
      await rejects(api.remove(comment.id, forged), 403, 'token_invalid')
    }
    await rejects(
      api.patch(comment.id, 'hacked', undefined, { authorization: `Basic ${token}` }),
      401,
      'token_missing',
    )
    await expectUnchanged(uri, comment.id)
  })

  it("answers 403 token_invalid for another comment's token", async () => {
    const victim = await oneComment()
    const attacker = await oneComment()
    await rejects(api.patch(victim.comment.id, 'hacked', attacker.token), 403, 'token_invalid')
    await rejects(api.remove(victim.comment.id, attacker.token), 403, 'token_invalid')
    await expectUnchanged(victim.uri, victim.comment.id)
  })

  it('validates the edited text like a new one', async () => {
    const { uri, comment, token } = await oneComment()
    await rejects(api.patch(comment.id, '', token), 422, 'invalid_input', 'text')
    await rejects(api.patch(comment.id, '  \n ', token), 422, 'invalid_input', 'text')
    await rejects(
      api.patch(comment.id, 'a'.repeat(LIMITS.textMax + 1), token),
      422,
      'invalid_input',
      'text',
    )
    await rejects(api.patch(comment.id, 42, token), 422, 'invalid_input', 'text')
    await rejects(api.patch(comment.id, 'a\u0000b', token), 422, 'invalid_input', 'text')
    const url = `${server.url}/api/comments/${comment.id}`
    const auth = { authorization: `Bearer ${token}` }
    await rejects(
      send(url, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: '{"text":',
      }),
      400,
      'invalid_json',
    )
    await rejects(
      send(url, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: '{"text":"x"}',
      }),
      415,
      'unsupported_media_type',
    )
    await rejects(
      send(url, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff]), Buffer.from('"}')]),
      }),
      400,
      'invalid_encoding',
    )
    await expectUnchanged(uri, comment.id)
  })

  it('refuses to edit or delete once the edit window is closed', async () => {
    const closed = await start({ CAUSERIE_EDIT_MINUTES: '0' })
    const uri = freshThread()
    const res = await postJson({ uri, text: 'original' }, {}, closed)
    expectStatus(res, 201)
    const { comment, token, editableUntil } = res.json as {
      comment: { id: number; createdAt: string }
      token: string
      editableUntil: string
    }
    expect(Date.parse(editableUntil)).toBe(Date.parse(comment.createdAt))
    const closedApi = apiClient(
      () => closed.url,
      (r) => answers.push({ request: 'closed', res: r }),
    )
    await rejects(closedApi.patch(comment.id, 'too late', token), 403, 'edit_window_closed')
    await rejects(closedApi.remove(comment.id, token), 403, 'edit_window_closed')
    const thread = await closedApi.thread(uri)
    expect(thread.comments.map((c) => [c.id, c.status, c.editedAt])).toEqual([
      [comment.id, 'published', null],
    ])
  })
})

describe('origins', () => {
  const FOREIGN = [
    'http://evil.example',
    'null',
    'http://blog.example.evil.example',
    'https://blog.example',
    'http://blog.example:8080',
    'http://sub.blog.example',
  ]

  it('refuses a POST from a foreign origin with 403 forbidden_origin and stores nothing', async () => {
    const uri = freshThread()
    for (const origin of FOREIGN) {
      const res = await postJson({ uri, text: 'csrf' }, { origin })
      expectError(res, 403, 'forbidden_origin')
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
    }
    await expectEmpty(uri)
  })

  it('refuses PATCH and DELETE from a foreign origin even with the right token', async () => {
    const uri = freshThread()
    const { comment, token } = await created(postJson({ uri, text: 'original' }))
    for (const origin of FOREIGN) {
      await rejects(api.patch(comment.id, 'hacked', token, { origin }), 403, 'forbidden_origin')
      await rejects(api.remove(comment.id, token, { origin }), 403, 'forbidden_origin')
    }
    const thread = await api.thread(uri)
    expect(thread.comments.map((c) => [c.id, c.status, c.editedAt])).toEqual([
      [comment.id, 'published', null],
    ])
  })

  it('allows a listed origin, with Access-Control-Allow-Origin', async () => {
    const uri = freshThread()
    const res = await postJson({ uri, text: 'du blog' }, { origin: BLOG })
    expectStatus(res, 201)
    expect(res.headers['access-control-allow-origin']).toBe(BLOG)
    expect(String(res.headers.vary)).toMatch(/origin/i)
    const { comment, token } = res.json as { comment: { id: number }; token: string }
    const edit = await api.patch(comment.id, 'édité du blog', token, { origin: BLOG })
    expectStatus(edit, 200)
    expect(edit.headers['access-control-allow-origin']).toBe(BLOG)
    const read = await send(`${server.url}/api/comments?uri=${uri}`, { headers: { origin: BLOG } })
    expectStatus(read, 200)
    // Reads are public data without credentials: the listed origin or * both let the blog read.
    expect([BLOG, '*']).toContain(read.headers['access-control-allow-origin'])
    const del = await api.remove(comment.id, token, { origin: BLOG })
    expectStatus(del, 204)
  })

  it("allows the server's own origin", async () => {
    const uri = freshThread()
    await created(postJson({ uri, text: 'même origine' }, { origin: server.url }))
  })

  it('answers a preflight from a listed origin with the methods and headers the widget needs', async () => {
    for (const [path, method, headers] of [
      ['/api/comments', 'POST', 'content-type'],
      ['/api/comments/1', 'PATCH', 'authorization, content-type'],
      ['/api/comments/1', 'DELETE', 'authorization'],
      ['/api/preview', 'POST', 'content-type'],
    ] as const) {
      const res = await send(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: BLOG,
          'access-control-request-method': method,
          'access-control-request-headers': headers,
        },
      })
      expect([200, 204], `${method} ${path}: ${res.status}`).toContain(res.status)
      expect(res.headers['access-control-allow-origin']).toBe(BLOG)
      expect(String(res.headers['access-control-allow-methods'])).toContain(method)
      const allowed = String(res.headers['access-control-allow-headers']).toLowerCase()
      for (const header of headers.split(', ')) expect(allowed).toContain(header)
    }
  })

  it('gives a foreign origin no CORS permission', async () => {
    const res = await send(`${server.url}/api/comments`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(res.status).toBeLessThan(500)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
  })
})

describe('rate limit', () => {
  const retryAfter = (res: RawResponse) => Number(res.headers['retry-after'])

  it('answers the third comment in a minute with 429 rate_limited and Retry-After', async () => {
    const limited = await start({ CAUSERIE_RATE_LIMIT: '2' })
    const uri = freshThread()
    await created(postJson({ uri, text: 'un' }, {}, limited))
    await created(postJson({ uri, text: 'deux' }, {}, limited))
    const third = await postJson({ uri, text: 'trois' }, {}, limited)
    expectError(third, 429, 'rate_limited')
    expect(retryAfter(third)).toBeGreaterThanOrEqual(1)
    expect(retryAfter(third)).toBeLessThanOrEqual(60)
    // Without a trusted proxy, X-Forwarded-For is the client's word and changes nothing.
    for (const xff of ['203.0.113.7', '198.51.100.1, 203.0.113.8', '::1']) {
      const forged = await postJson({ uri, text: 'usurpé' }, { 'x-forwarded-for': xff }, limited)
      expectError(forged, 429, 'rate_limited')
    }
    const thread = await apiClient(() => limited.url).thread(uri)
    expect(thread.comments.map((c) => c.html)).toEqual([
      expect.stringContaining('un'),
      expect.stringContaining('deux'),
    ])
    // Reading is not limited.
    expectStatus(await send(`${limited.url}/api/comments?uri=${uri}`), 200)
  })

  it('believes X-Forwarded-For from a trusted proxy, one limit per client', async () => {
    const proxied = await start({ CAUSERIE_RATE_LIMIT: '2', CAUSERIE_TRUST_PROXY: '127.0.0.1' })
    const uri = freshThread()
    const as = (xff: string, text: string) =>
      postJson({ uri, text }, { 'x-forwarded-for': xff }, proxied)
    await created(as('203.0.113.10', 'a1'))
    await created(as('203.0.113.10', 'a2'))
    expectError(await as('203.0.113.10', 'a3'), 429, 'rate_limited')
    // A client cannot escape by prepending addresses: the proxy appends the real one.
    expectError(await as('198.51.100.99, 203.0.113.10', 'a4'), 429, 'rate_limited')
    // Another client behind the same proxy is still served.
    await created(as('203.0.113.20', 'b1'))
    const thread = await apiClient(() => proxied.url).thread(uri)
    expect(thread.total).toBe(3)
  })

  it('counts refused comments (422) too, but not bodies it could not read (400, 413, 415)', async () => {
    const limited = await start({ CAUSERIE_RATE_LIMIT: '2' })
    const uri = freshThread()
    const post = (body: string, contentType = 'application/json') =>
      send(`${limited.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      })
    for (let i = 0; i < 3; i++) {
      expectError(await post('{"uri":'), 400, 'invalid_json')
      expectError(await post('x'.repeat(LIMITS.bodyBytes + 1)), 413, 'payload_too_large')
      expectError(await post(`uri=${uri}&text=hi`, 'text/plain'), 415, 'unsupported_media_type')
    }
    await created(postJson({ uri, text: 'once' }, {}, limited))
    // A bot repeating its comment is refused as a duplicate, then limited.
    expectError(await postJson({ uri, text: 'once' }, {}, limited), 422, 'duplicate_comment')
    expectError(await postJson({ uri, text: 'once' }, {}, limited), 429, 'rate_limited')
  })

  it('counts a whole IPv6 /64 as one client, and an IPv4-mapped address as its IPv4', async () => {
    const proxied = await start({ CAUSERIE_RATE_LIMIT: '2', CAUSERIE_TRUST_PROXY: '127.0.0.1' })
    const uri = freshThread()
    const as = (xff: string, text: string) =>
      postJson({ uri, text }, { 'x-forwarded-for': xff }, proxied)
    await created(as('2001:db8:a:b::1', 'v6 one'))
    await created(as('2001:db8:a:b:1:2:3:4', 'v6 two'))
    expectError(await as('2001:db8:a:b:ffff:ffff:ffff:fffe', 'v6 three'), 429, 'rate_limited')
    await created(as('2001:db8:a:c::1', 'next /64'))
    await created(as('::ffff:198.51.100.4', 'mapped'))
    await created(as('198.51.100.4', 'plain'))
    expectError(await as('198.51.100.4', 'again'), 429, 'rate_limited')
  })

  it('counts atomically: a burst of 10 gets exactly the limit through', async () => {
    const proxied = await start({ CAUSERIE_RATE_LIMIT: '2', CAUSERIE_TRUST_PROXY: '127.0.0.1' })
    const uri = freshThread()
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson({ uri, text: `rafale ${i}` }, { 'x-forwarded-for': '192.0.2.55' }, proxied),
      ),
    )
    expect(burst.map((r) => r.status).sort()).toEqual([
      201, 201, 429, 429, 429, 429, 429, 429, 429, 429,
    ])
    expect((await apiClient(() => proxied.url).thread(uri)).total).toBe(2)
  })
})

describe('routing', () => {
  it('answers unknown paths and methods with a JSON error, not a 5xx', async () => {
    const nope = await send(`${server.url}/api/nope`)
    expectError(nope, 404, 'not_found')
    for (const [method, path] of [
      ['PUT', '/api/comments'],
      ['DELETE', '/api/comments'],
      ['PUT', '/api/comments/1'],
      ['GET', '/api/comments/1'],
      ['POST', '/api/counts'],
    ] as const) {
      const res = await send(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect([404, 405], `${method} ${path}: ${res.status} ${res.text}`).toContain(res.status)
      expect(['not_found', 'method_not_allowed']).toContain(errorOf(res).code)
    }
  })

  it('survives garbage in the query string', async () => {
    for (const query of [
      'uri=%',
      'uri=%E0%A4%A',
      'uri=%ff',
      'uri=%00',
      'uri=%ed%a0%80',
      'uri=a&uri=b',
      'uri[]=x',
      'uri=javascript:alert(1)',
      'uri=http://[::1',
      `uri=${'%2F'.repeat(3000)}`,
    ]) {
      for (const path of ['/api/comments', '/api/counts']) {
        const res = await send(`${server.url}${path}?${query}`)
        expect(res.status, `${path}?${query.slice(0, 40)}: ${res.text}`).toBeLessThan(500)
        if (res.status >= 400) errorOf(res)
      }
    }
  })
})

describe('the server after all this', () => {
  it('never answered 5xx, is still running and logged no stack trace', async () => {
    expect(answers.length).toBeGreaterThan(100)
    expect(
      answers
        .filter(({ res }) => res.status >= 500)
        .map(({ request, res }) => `${request}: ${res.status} ${res.text}`),
    ).toEqual([])
    for (const s of servers) {
      expect(s.isAlive()).toBe(true)
      expect(s.stderr()).not.toMatch(STACK_TRACE)
      expectStatus(await http(`${s.url}/healthz`), 200)
    }
  })
})
