import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password-hash.ts'

describe('hashPassword', () => {
  it('makes a salted scrypt hash that only the same password matches', async () => {
    const hash = await hashPassword('hunter2 ✓')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(hash).not.toContain('hunter2')
    expect(await hashPassword('hunter2 ✓')).not.toBe(hash)
    expect(await verifyPassword('hunter2 ✓', hash)).toBe(true)
    expect(await verifyPassword('hunter2', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  it('matches nothing against a malformed hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('x', stored)).toBe(false)
    }
  })
})
