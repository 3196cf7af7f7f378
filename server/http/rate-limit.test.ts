import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ErrorBody } from '../contract.ts'
import { DomainError, ERROR_STATUS } from '../errors.ts'
import { rateLimit } from './rate-limit.ts'

function setup(limit: number, maxClients?: number) {
  let clock = 1_000_000
  let fail = false
  const app = new Hono()
  app.post(
    '/',
    rateLimit({
      limit,
      windowMs: 60_000,
      key: (c) => c.req.header('x-client') ?? '',
      now: () => clock,
      maxClients,
    }),
    async (c) => {
      // An await, as in the real handler: the limiter must not rely on handlers being synchronous.
      await new Promise((resolve) => setTimeout(resolve, 1))
      if (fail) throw new DomainError('invalid_input', 'bad')
      return c.text('ok', 201)
    },
  )
  app.onError((error, c) => {
    const { code, message } = error as DomainError
    return c.json({ error: { code, message } } satisfies ErrorBody, ERROR_STATUS[code])
  })
  return {
    post: (client = 'a') => app.request('/', { method: 'POST', headers: { 'x-client': client } }),
    tick: (ms: number) => {
      clock += ms
    },
    failNext: (value: boolean) => {
      fail = value
    },
  }
}

describe('rateLimit', () => {
  it('answers 429 rate_limited with Retry-After past the limit, and serves other clients', async () => {
    const { post } = setup(2)
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(201)
    const refused = await post()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(((await refused.json()) as ErrorBody).error.code).toBe('rate_limited')
    expect((await post('b')).status).toBe(201)
  })

  it('slides: a slot frees up when the oldest request leaves the window', async () => {
    const { post, tick } = setup(2)
    await post()
    tick(20_000)
    await post()
    tick(30_000)
    const refused = await post()
    expect(refused.headers.get('retry-after')).toBe('10')
    tick(10_000)
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(429)
  })

  it('lets exactly `limit` requests of a concurrent burst through', async () => {
    const { post } = setup(5)
    const statuses = (await Promise.all(Array.from({ length: 50 }, () => post()))).map(
      (r) => r.status,
    )
    expect(statuses.filter((status) => status === 201)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(45)
  })

  it('gives the slot back when the request fails', async () => {
    const { post, failNext } = setup(1)
    failNext(true)
    expect((await post()).status).toBe(422)
    expect((await post()).status).toBe(422)
    failNext(false)
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(429)
  })

  it('is off at 0', async () => {
    const { post } = setup(0)
    for (let i = 0; i < 20; i++) expect((await post()).status).toBe(201)
  })

  it('forgets the least recent client beyond maxClients', async () => {
    const { post } = setup(1, 2)
    await post('a')
    await post('b')
    await post('c')
    // 'a' was evicted to bound memory, so it may post again; 'c' is still counted.
    expect((await post('a')).status).toBe(201)
    expect((await post('c')).status).toBe(429)
  })
})
