import { describe, expect, it } from 'vitest'
import { verifyPassword } from '../../lib/password-hash.ts'
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts'
import { ensureAdminPassword, PASSWORD_META_KEY } from './admin-auth.ts'

/** The smallest CAUSERIE_PASSWORD_COST: these tests need no strength. */
const passwordCost = 4

describe('ensureAdminPassword', () => {
  it('generates a password once and keeps only its hash', async () => {
    const store = createSqliteStore(':memory:')
    const password = await ensureAdminPassword(store, { adminPassword: null, passwordCost })
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const stored = (await store.getMeta(PASSWORD_META_KEY)) ?? ''
    expect(stored).not.toContain(password)
    expect(stored).toMatch(/^scrypt\$16\$/)
    expect(await verifyPassword(password ?? '', stored)).toBe(true)
    expect(await ensureAdminPassword(store, { adminPassword: null, passwordCost })).toBeUndefined()
    expect(await store.getMeta(PASSWORD_META_KEY)).toBe(stored)
  })

  it('generates nothing when CAUSERIE_ADMIN_PASSWORD is set', async () => {
    const store = createSqliteStore(':memory:')
    expect(await ensureAdminPassword(store, { adminPassword: 'set', passwordCost })).toBeUndefined()
    expect(await store.getMeta(PASSWORD_META_KEY)).toBeUndefined()
  })
})
