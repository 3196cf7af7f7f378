import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts'
import { createServerSecret } from './server-secret.ts'

describe('createServerSecret', () => {
  it('makes 32 random bytes once per store and keeps them', async () => {
    const store = createSqliteStore(':memory:')
    const [a, b] = await Promise.all([createServerSecret(store)(), createServerSecret(store)()])
    expect(a).toHaveLength(32)
    expect(b).toEqual(a)
    expect(await createServerSecret(store)()).toEqual(a)
    expect(await createServerSecret(createSqliteStore(':memory:'))()).not.toEqual(a)
  })

  it('tries again after a failure instead of remembering it', async () => {
    const store = createSqliteStore(':memory:')
    let fail = true
    const flaky = {
      ...store,
      claimMeta: (key: string, value: string) =>
        fail ? Promise.reject(new Error('busy')) : store.claimMeta(key, value),
    }
    const secret = createServerSecret(flaky)
    await expect(secret()).rejects.toThrow('busy')
    fail = false
    expect(await secret()).toHaveLength(32)
  })
})
