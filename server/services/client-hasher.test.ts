import { describe, expect, it } from 'vitest'
import { hashClient } from '../lib/keyed-hash.ts'
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts'
import { createClientHasher } from './client-hasher.ts'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 5, 1, 12)

function setup(periodDays = 30) {
  const store = createSqliteStore(':memory:')
  let clock = T0
  const hasher = createClientHasher({ store, now: () => clock, periodDays })
  const keys = async () => {
    const names: string[] = []
    for (let period = 0; period < 30_000; period += 1) {
      if ((await store.getMeta(`client_key:${period}`)) !== undefined) names.push(String(period))
    }
    return names
  }
  return { store, hasher, keys, tick: (ms: number) => (clock += ms) }
}

describe('createClientHasher', () => {
  it('keeps one key per period: the same address hashes the same within it', async () => {
    const { hasher, tick } = setup()
    const first = await hasher('192.0.2.1')
    expect(first.current).toMatch(/^[0-9a-f]{64}$/)
    expect(first.previous).toBeUndefined()
    expect((await hasher('2001:db8::1')).current).toBe((await hasher('2001:db8::2')).current)
    expect((await hasher('192.0.2.2')).current).not.toBe(first.current)
    tick(DAY)
    expect(await hasher('192.0.2.1')).toEqual(first)
  })

  it('rotates at the period boundary and still knows the previous hash', async () => {
    const { hasher, tick } = setup(30)
    const before = await hasher('192.0.2.1')
    // T0 is some way into its period: 30 days later is always the next one.
    tick(30 * DAY)
    const after = await hasher('192.0.2.1')
    expect(after.current).not.toBe(before.current)
    expect(after.previous).toBe(before.current)
  })

  it('deletes every key older than the previous period, so old hashes cannot be linked', async () => {
    const { store, hasher, keys, tick } = setup(1)
    const period = Math.floor(T0 / DAY)
    const first = await hasher('192.0.2.1')
    const firstKey = Buffer.from((await store.getMeta(`client_key:${period}`)) ?? '', 'hex')
    expect(hashClient(firstKey, '192.0.2.1')).toBe(first.current)
    tick(DAY)
    await hasher('192.0.2.1')
    expect(await keys()).toEqual([String(period), String(period + 1)])
    tick(DAY)
    const third = await hasher('192.0.2.1')
    expect(await keys()).toEqual([String(period + 1), String(period + 2)])
    expect([third.current, third.previous]).not.toContain(first.current)
    // A server that was down for several periods starts afresh, with no previous key.
    tick(10 * DAY)
    expect((await hasher('192.0.2.1')).previous).toBeUndefined()
    expect(await keys()).toEqual([String(period + 12)])
  })

  it('shares the period key between two servers on one store', async () => {
    const { store, hasher } = setup()
    const other = createClientHasher({ store, now: () => T0, periodDays: 30 })
    const [a, b] = await Promise.all([hasher('192.0.2.9'), other('192.0.2.9')])
    expect(a).toEqual(b)
  })

  it('leaves the other settings alone', async () => {
    const { store, hasher } = setup()
    await store.setMeta('hash_secret', 'ab')
    await store.setMeta('client_keys_note', 'x')
    await hasher('192.0.2.1')
    expect(await store.getMeta('hash_secret')).toBe('ab')
    expect(await store.getMeta('client_keys_note')).toBe('x')
  })
})
