import { describe, expect, it } from 'vitest'
import { LIMITS } from '../contract.ts'
import { DomainError, ERROR_STATUS } from '../errors.ts'
import { readJson } from './read-json.ts'

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

async function failure(request: Request): Promise<{ code: string; status: number }> {
  const error = await readJson(request).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(DomainError)
  const { code } = error as DomainError
  return { code, status: ERROR_STATUS[code] }
}

describe('readJson', () => {
  it('parses a JSON object', async () => {
    expect(await readJson(post('{"text":"Ça 🙂"}'))).toEqual({ text: 'Ça 🙂' })
  })

  it('accepts a utf-8 charset parameter in any case', async () => {
    const request = post('{}', { 'content-type': 'Application/JSON; Charset="UTF-8"' })
    expect(await readJson(request)).toEqual({})
  })

  it.each([
    ['text/plain', 'missing'],
    ['application/x-www-form-urlencoded', 'a form'],
    ['application/json; charset=latin1', 'another charset'],
    ['application/jsonp', 'a look-alike'],
  ])('refuses Content-Type %s (%s) with 415', async (type) => {
    const request = post('{}', { 'content-type': type })
    expect(await failure(request)).toEqual({ code: 'unsupported_media_type', status: 415 })
  })

  it('refuses a body without Content-Type with 415', async () => {
    const request = new Request('http://localhost/api', { method: 'POST', body: '{}' })
    request.headers.delete('content-type')
    expect(await failure(request)).toEqual({ code: 'unsupported_media_type', status: 415 })
  })

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const request = post('{}', { 'content-length': String(LIMITS.bodyBytes + 1) })
    expect(await failure(request)).toEqual({ code: 'payload_too_large', status: 413 })
  })

  it('refuses a body over the limit while reading, whatever it declares', async () => {
    const big = `{"text":"${'a'.repeat(LIMITS.bodyBytes)}"}`
    expect(await failure(post(big))).toEqual({ code: 'payload_too_large', status: 413 })
  })

  it('accepts a body of exactly the limit', async () => {
    const padding = 'a'.repeat(LIMITS.bodyBytes - '{"t":""}'.length)
    expect(await readJson(post(`{"t":"${padding}"}`))).toEqual({ t: padding })
  })

  it('refuses invalid UTF-8 with 400 invalid_encoding', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
    expect(await failure(post(bytes))).toEqual({ code: 'invalid_encoding', status: 400 })
  })

  it.each(['', '{', '{"a":1,}', "{'a':1}", 'undefined'])(
    'refuses malformed JSON %j with 400 invalid_json',
    async (body) => {
      expect(await failure(post(body))).toEqual({ code: 'invalid_json', status: 400 })
    },
  )

  it.each(['[]', '[{"text":"x"}]', '"text"', '42', 'null', 'true'])(
    'refuses a top-level %s with 422 invalid_input',
    async (body) => {
      expect(await failure(post(body))).toEqual({ code: 'invalid_input', status: 422 })
    },
  )
})
