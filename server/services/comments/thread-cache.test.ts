import { describe, expect, it } from 'vitest'
import { createThreadCache } from './thread-cache.ts'

const entry = (body: string) => ({ threadId: 1, version: 0, body })

describe('createThreadCache', () => {
  it('forgets the least recently used thread beyond maxEntries', () => {
    const cache = createThreadCache({ maxEntries: 2, maxChars: 100 })
    cache.set('/a', entry('a'))
    cache.set('/b', entry('b'))
    cache.get('/a')
    cache.set('/c', entry('c'))
    expect([cache.get('/a')?.body, cache.get('/b'), cache.get('/c')?.body]).toEqual([
      'a',
      undefined,
      'c',
    ])
    expect(cache.size).toBe(2)
  })

  it('keeps the bodies under maxChars together, and never one larger than that', () => {
    const cache = createThreadCache({ maxEntries: 10, maxChars: 10 })
    cache.set('/a', entry('aaaa'))
    cache.set('/b', entry('bbbb'))
    cache.set('/c', entry('cccc'))
    expect(cache.get('/a')).toBeUndefined()
    expect(cache.size).toBe(2)
    cache.set('/huge', entry('h'.repeat(11)))
    expect(cache.get('/huge')).toBeUndefined()
    expect(cache.size).toBe(2)
    // Replacing an entry counts only its new body.
    cache.set('/b', entry('bb'))
    cache.set('/d', entry('dddd'))
    expect([cache.get('/b')?.body, cache.get('/c')?.body, cache.get('/d')?.body]).toEqual([
      'bb',
      'cccc',
      'dddd',
    ])
  })
})
