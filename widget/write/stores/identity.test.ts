import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { $identity, loadIdentity, rememberIdentity } from './identity.ts'

const KEY = 'causerie:identity'
let items: Map<string, string>

beforeEach(() => {
  items = new Map()
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
  })
  $identity.set({ name: '', email: '', website: '' })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('identity', () => {
  it('is remembered for the next visit', () => {
    rememberIdentity({ name: 'Ada', email: 'ada@example.com', website: 'https://ada.example' })
    $identity.set({ name: '', email: '', website: '' })
    loadIdentity()
    expect($identity.get()).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      website: 'https://ada.example',
    })
    expect(JSON.parse(items.get(KEY) ?? '')).toMatchObject({ name: 'Ada' })
  })

  it('takes only text from storage', () => {
    items.set(KEY, JSON.stringify({ name: 'Ada', email: 42, website: { href: 'x' } }))
    loadIdentity()
    expect($identity.get()).toEqual({ name: 'Ada', email: '', website: '' })
  })

  it('stays empty when storage is blocked', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
    })
    loadIdentity()
    rememberIdentity({ name: 'Ada', email: '', website: '' })
    expect($identity.get().name).toBe('Ada')
  })
})
