import { describe, expect, it } from 'vitest'
import { createToken, hashToken, tokenMatches } from './comment-token.ts'

describe('comment tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const a = createToken()
    const b = createToken()
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.tokenHash).toBe(hashToken(a.token))
  })

  it('match only their own hash', () => {
    const { token, tokenHash } = createToken()
    expect(tokenMatches(token, tokenHash)).toBe(true)
    expect(tokenMatches(`${token}x`, tokenHash)).toBe(false)
    expect(tokenMatches(createToken().token, tokenHash)).toBe(false)
    expect(tokenMatches(token, 'not hex')).toBe(false)
    expect(tokenMatches(token, '')).toBe(false)
  })
})
