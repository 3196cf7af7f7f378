import { describe, expect, it } from 'vitest'
import { LIMITS } from '../contract.ts'
import { type DomainError, ERROR_STATUS } from '../errors.ts'
import { validateNewComment, validateText, validateUri } from './validate-comment.ts'

function rejection(run: () => unknown) {
  try {
    run()
  } catch (error) {
    const { code, field, message } = error as DomainError
    return { code, status: ERROR_STATUS[code], field, message }
  }
  throw new Error('expected a rejection')
}

const base = { uri: '/post', text: 'Hello' }

describe('validateNewComment', () => {
  it('answers normalised fields with defaults for the optional ones', () => {
    expect(validateNewComment({ ...base, extra: { ignored: true } })).toEqual({
      uri: '/post',
      text: 'Hello',
      parentId: null,
      name: '',
      email: null,
      website: null,
      title: null,
    })
  })

  it('trims and normalises every optional field', () => {
    const input = validateNewComment({
      uri: 'https://blog.example/post/?utm=1',
      text: '\n\n  Hello  \n\n',
      parentId: 7,
      name: '  Zoë 🦊 ',
      email: ' zoe@example.com ',
      website: ' HTTPS://Zoe.Example ',
      title: '  Un titre ',
    })
    expect(input).toEqual({
      uri: '/post',
      text: '  Hello',
      parentId: 7,
      name: 'Zoë 🦊',
      email: 'zoe@example.com',
      website: 'https://zoe.example/',
      title: 'Un titre',
    })
  })

  it('treats empty optional strings and null as absent', () => {
    const input = validateNewComment({ ...base, name: '', email: '', website: ' ', title: null })
    expect(input).toMatchObject({ name: '', email: null, website: null, title: null })
  })

  it.each([
    [{ text: 'x' }, 'uri', /missing/],
    [{ ...base, uri: 42 }, 'uri', /page path/],
    [{ ...base, uri: 'javascript:alert(1)' }, 'uri', /page path/],
    [{ uri: '/post' }, 'text', /missing/],
    [{ ...base, text: 7 }, 'text', /must be a string/],
    [{ ...base, text: ['x'] }, 'text', /must be a string/],
    [{ ...base, text: '' }, 'text', /empty/],
    [{ ...base, text: ' \n\t ' }, 'text', /empty/],
    [
      { ...base, text: 'a'.repeat(10_001) },
      'text',
      /^Comment has 10,001 characters; the limit is 10,000\.$/,
    ],
    [{ ...base, text: 'a\u0000b' }, 'text', /NUL/],
    [{ ...base, text: 'a\ud800b' }, 'text', /lone surrogate/],
    [{ ...base, parentId: '3' }, 'parentId', /positive integer/],
    [{ ...base, parentId: 1.5 }, 'parentId', /positive integer/],
    [{ ...base, parentId: 0 }, 'parentId', /positive integer/],
    [{ ...base, parentId: -1 }, 'parentId', /positive integer/],
    [{ ...base, parentId: 2 ** 60 }, 'parentId', /positive integer/],
    [{ ...base, name: 'n'.repeat(101) }, 'name', /^Name has 101 characters; the limit is 100\.$/],
    [{ ...base, name: 5 }, 'name', /must be a string/],
    [{ ...base, name: 'a\nb' }, 'name', /control character/],
    [{ ...base, name: 'a\u0085b' }, 'name', /control character/],
    [{ ...base, name: '\udc00' }, 'name', /lone surrogate/],
    [{ ...base, email: 'not-an-email' }, 'email', /look like/],
    [{ ...base, email: 'a b@example.com' }, 'email', /look like/],
    [{ ...base, email: 'a@b' }, 'email', /look like/],
    [{ ...base, email: '<ana@example.com>' }, 'email', /look like/],
    [{ ...base, email: 'a@b@example.com' }, 'email', /look like/],
    [{ ...base, email: 'ana@example.com\r\nBcc: x@example.com' }, 'email', /control character/],
    [{ ...base, email: 'ana@example.' }, 'email', /look like/],
    [{ ...base, email: `${'a'.repeat(250)}@b.cd` }, 'email', /limit is 254/],
    [{ ...base, website: 'javascript:alert(1)' }, 'website', /http\(s\)/],
    [{ ...base, website: 'ftp://example.com' }, 'website', /http\(s\)/],
    [{ ...base, website: 'data:text/html,x' }, 'website', /http\(s\)/],
    [{ ...base, website: 'example.com' }, 'website', /http\(s\)/],
    [{ ...base, website: '//example.com' }, 'website', /http\(s\)/],
    [{ ...base, website: 'https://user:pw@example.com' }, 'website', /http\(s\)/],
    [{ ...base, website: `https://e.com/${'a'.repeat(487)}` }, 'website', /limit is 500/],
    [{ ...base, title: 't'.repeat(301) }, 'title', /limit is 300/],
    [{ ...base, title: 'a\u0000' }, 'title', /NUL/],
  ])('refuses %j on field %s', (body, field, message) => {
    const error = rejection(() => validateNewComment(body))
    expect(error).toMatchObject({ code: 'invalid_input', status: 422, field })
    expect(error.message).toMatch(message)
  })

  // U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, and the invisible U+200B, U+2060, U+FEFF.
  const invisible = [0x61c, 0x200e, 0x200f, 0x200b, 0x2060, 0xfeff]
  for (let code = 0x202a; code <= 0x202e; code++) invisible.push(code)
  for (let code = 0x2066; code <= 0x2069; code++) invisible.push(code)

  it.each(invisible.map((code) => [code.toString(16).toUpperCase().padStart(4, '0'), code]))(
    'refuses U+%s in the name, the website and the title',
    (_, code) => {
      const char = String.fromCodePoint(code)
      for (const [field, value] of [
        ['name', `Ada${char}Lovelace`],
        ['website', `https://ada.example/${char}x`],
        ['title', `Un${char}titre`],
      ]) {
        const error = rejection(() => validateNewComment({ ...base, [field as string]: value }))
        expect(error).toMatchObject({ code: 'invalid_input', status: 422, field })
        expect(error.message).toMatch(/invisible character/)
      }
    },
  )

  it('keeps the zero-width joiner of emoji sequences and the non-joiner of Persian names', () => {
    const family = '👩\u200D👩\u200D👧'
    expect(validateNewComment({ ...base, name: `Ana ${family}` }).name).toBe(`Ana ${family}`)
    expect(validateNewComment({ ...base, name: 'می\u200Cخواهم' }).name).toBe('می\u200Cخواهم')
  })

  it('accepts every field at its limit', () => {
    const input = validateNewComment({
      ...base,
      text: '🙂'.repeat(LIMITS.textMax),
      name: 'é'.repeat(LIMITS.nameMax),
      email: `${'a'.repeat(LIMITS.emailMax - 7)}@b.cdef`,
      website: `https://e.com/${'a'.repeat(LIMITS.websiteMax - 14)}`,
      title: 't'.repeat(LIMITS.titleMax),
    })
    expect(input.text).toHaveLength(2 * LIMITS.textMax)
  })
})

describe('validateText', () => {
  it('counts characters after trimming', () => {
    expect(validateText({ text: `  ${'a'.repeat(LIMITS.textMax)}  ` })).toHaveLength(
      LIMITS.textMax + 2,
    )
  })
})

describe('validateUri', () => {
  it('normalises a key and refuses a missing one', () => {
    expect(validateUri('/post/')).toBe('/post')
    expect(rejection(() => validateUri(undefined))).toMatchObject({ field: 'uri', status: 422 })
  })
})
