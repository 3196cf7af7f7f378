import { describe, expect, it } from 'vitest'
import type { DomainError } from '../../errors.ts'
import { commentVersion, readLink, signLink } from './mail-links.ts'

const KEY = Buffer.alloc(32, 1)
const NOW = Date.UTC(2025, 0, 1)

function code(run: () => unknown): string {
  try {
    run()
    return 'ok'
  } catch (error) {
    return (error as DomainError).code
  }
}

describe('signLink and readLink', () => {
  it('round-trip every kind of claim', () => {
    const claims = [
      { kind: 'approve', commentId: 7, nonce: 'n', version: 'v', expiresAt: NOW + 1 },
      { kind: 'delete', commentId: 7, nonce: 'n', version: 'v', expiresAt: NOW + 1 },
      { kind: 'confirm', email: 'a@example.com', expiresAt: NOW + 1 },
      { kind: 'unsubscribe', email: 'a@example.com' },
    ] as const
    for (const claim of claims) {
      const token = signLink(KEY, claim)
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
      expect(readLink(KEY, token, [claim.kind], NOW)).toEqual(claim)
    }
  })

  it('refuses another key, another kind, a change, and an expired claim', () => {
    const claim = { commentId: 7, nonce: 'n', version: 'v', expiresAt: NOW + 1 }
    const token = signLink(KEY, { kind: 'approve', ...claim })
    expect(code(() => readLink(Buffer.alloc(32, 2), token, ['approve'], NOW))).toBe('invalid_link')
    expect(code(() => readLink(KEY, token, ['delete'], NOW))).toBe('invalid_link')
    expect(code(() => readLink(KEY, `x${token}`, ['approve'], NOW))).toBe('invalid_link')
    expect(code(() => readLink(KEY, undefined, ['approve'], NOW))).toBe('invalid_link')
    expect(code(() => readLink(KEY, token, ['approve'], NOW + 1))).toBe('link_expired')
    const forever = signLink(KEY, { kind: 'unsubscribe', email: 'a@example.com' })
    expect(code(() => readLink(KEY, forever, ['unsubscribe'], NOW + 1e12))).toBe('ok')
  })
})

describe('commentVersion', () => {
  it('names a text exactly, in 22 URL-safe characters', () => {
    expect(commentVersion('Held text')).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(commentVersion('Held text')).toBe(commentVersion('Held text'))
    expect(commentVersion('Held text ')).not.toBe(commentVersion('Held text'))
  })
})
