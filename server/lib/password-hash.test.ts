import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password-hash.ts'

/** The smallest CAUSERIE_PASSWORD_COST: these tests need the format, not the strength. */
const COST = 4

describe('hashPassword', () => {
  it('makes a salted scrypt hash that only the same password matches', async () => {
    const hash = await hashPassword('hunter2 ✓', COST)
    expect(hash).toMatch(/^scrypt\$16\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(hash).not.toContain('hunter2')
    expect(await hashPassword('hunter2 ✓', COST)).not.toBe(hash)
    expect(await verifyPassword('hunter2 ✓', hash)).toBe(true)
    expect(await verifyPassword('hunter2', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
  })

  it('keeps its cost in the hash, so that hashes made before a change of cost still match', async () => {
    const older = await hashPassword('hunter2', COST)
    const newer = await hashPassword('hunter2', COST + 1)
    expect(newer).toMatch(/^scrypt\$32\$/)
    expect(await verifyPassword('hunter2', older)).toBe(true)
    expect(await verifyPassword('hunter2', newer)).toBe(true)
  })

  it('matches nothing against a malformed hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('x', stored)).toBe(false)
    }
  })
})
