import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedResponse } from '../server/contract.ts'
import {
  keepAliveAgent,
  mb,
  rssBytes,
  type Timed,
  timedJson,
  timedRequest,
} from './support/load.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// The issue: "50 concurrent readers and 5 writers for 30 seconds on loopback: no error, p99
// latency reported, memory flat across 100,000 requests (no leak)". This suite asserts the
// answers and the memory only, in 10 s of the mix: it needs both cores for half a minute, so it
// runs apart from `npm test` (`npm run test:load`; .ci/run runs both). `npm run bench` reports
// the latencies of the full 30 s.

const READERS = 50
const WRITERS = 5
const DURATION_MS = 10_000
/** All of them, the warm-up included: RSS is compared between the 10,000th and the last. */
const MEMORY_REQUESTS = 100_000
const WARM_UP_REQUESTS = 10_000
const MEMORY_CONCURRENCY = 50
const MAX_GROWTH_BYTES = 30 * 1024 * 1024

const BIG = '/load/big'
const SMALL = ['/load/small-1', '/load/small-2', '/load/small-3']
const WRITTEN = Array.from({ length: WRITERS }, (_, w) => `/load/written-${w}`)
const q = (uri: string) => encodeURIComponent(uri)

let server: TestServer
beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_RATE_LIMIT: '0', CAUSERIE_DEMO: 'off' } })
  const seed = async (uri: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const res = await timedJson(`${server.url}/api/comments`, false, 'POST', {
        uri,
        text: `Seed comment ${i} of ${uri}, with *some* Markdown and a [link](https://example.com/${i}).`,
        name: `Seeder ${i % 7}`,
        website: 'https://example.com/',
      })
      expect(res.status, res.text).toBe(201)
    }
  }
  await seed(BIG, 100)
  for (const uri of SMALL) await seed(uri, 5)
})
afterAll(async () => {
  await server?.dispose()
})

/** The read mix: mostly the 100-comment thread, some small threads, some counts. */
function readPath(n: number): string {
  const pick = n % 10
  if (pick < 6) return `/api/comments?uri=${q(BIG)}`
  if (pick < 9) return `/api/comments?uri=${q(SMALL[pick % SMALL.length] as string)}`
  return `/api/counts?${[BIG, ...SMALL, ...WRITTEN].map((u) => `uri=${q(u)}`).join('&')}`
}

describe('load', () => {
  it('serves 50 readers and 5 writers for 10 s without a single error', async () => {
    const agent = keepAliveAgent(READERS + WRITERS)
    const errors: string[] = []
    let reads = 0
    let writes = 0
    const deadline = performance.now() + DURATION_MS
    const check = (what: string, res: Timed, expected: number) => {
      if (res.status !== expected) errors.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`)
    }

    const reader = async (r: number) => {
      for (let n = r; performance.now() < deadline; n++) {
        const path = readPath(n)
        try {
          const res = await timedRequest(`${server.url}${path}`, agent)
          check(`GET ${path}`, res, 200)
          reads++
        } catch (error) {
          errors.push(`GET ${path}: ${(error as Error).message}`)
        }
      }
    }
    const writer = async (w: number) => {
      const uri = WRITTEN[w] as string
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          const res = await timedJson(`${server.url}/api/comments`, agent, 'POST', {
            uri,
            text: `Load comment ${n} from writer ${w}: lorem ipsum dolor sit amet.`,
            name: `Writer ${w}`,
          })
          check(`POST ${uri}`, res, 201)
          if (res.status === 201) writes++
          // Every fourth comment is edited by its author, with the token of its 201.
          if (res.status === 201 && n % 4 === 0) {
            const { comment, token } = JSON.parse(res.text) as CreatedResponse
            const edit = await timedJson(
              `${server.url}/api/comments/${comment.id}`,
              agent,
              'PATCH',
              { text: `Load comment ${n} from writer ${w}, edited.` },
              { authorization: `Bearer ${token}` },
            )
            check(`PATCH ${comment.id}`, edit, 200)
          }
        } catch (error) {
          errors.push(`POST/PATCH ${uri}: ${(error as Error).message}`)
        }
      }
    }
    await Promise.all([
      ...Array.from({ length: READERS }, (_, r) => reader(r)),
      ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
    ])
    agent.destroy()

    expect(errors.slice(0, 20)).toEqual([])
    expect(reads).toBeGreaterThan(0)
    expect(writes).toBeGreaterThan(0)
    // Every acknowledged write is there.
    const counts = await timedRequest(
      `${server.url}/api/counts?${WRITTEN.map((u) => `uri=${q(u)}`).join('&')}`,
      false,
    )
    const stored = Object.values(
      (JSON.parse(counts.text) as { counts: Record<string, number> }).counts,
    )
    expect(stored.reduce((a, b) => a + b, 0)).toBe(writes)
  }, 60_000)

  it('keeps its memory flat across 100,000 reads', async () => {
    const agent = keepAliveAgent(MEMORY_CONCURRENCY)
    const samples: { after: number; rss: number }[] = []
    const errors: string[] = []
    let sent = 0
    let done = 0
    const end = MEMORY_REQUESTS
    const sampleEvery = 10_000

    // One loop per connection; a sample every 10,000 answers (taken when the count is crossed).
    const loop = async () => {
      while (sent < end) {
        const n = sent++
        const path = readPath(n)
        try {
          const res = await timedRequest(`${server.url}${path}`, agent)
          if (res.status !== 200)
            errors.push(`GET ${path}: ${res.status} ${res.text.slice(0, 200)}`)
        } catch (error) {
          errors.push(`GET ${path}: ${(error as Error).message}`)
        }
        done++
        if (done % sampleEvery === 0) samples.push({ after: done, rss: rssBytes(server.pid) })
      }
    }
    await Promise.all(Array.from({ length: MEMORY_CONCURRENCY }, loop))
    agent.destroy()

    const warm = samples.find((s) => s.after === WARM_UP_REQUESTS)
    const last = samples.at(-1)
    expect(errors.slice(0, 20)).toEqual([])
    expect(done).toBe(end)
    expect(warm).toBeDefined()
    expect(last?.after).toBe(end)
    const growth = (last?.rss ?? 0) - (warm?.rss ?? 0)
    const rss = `RSS ${samples.map((s) => `${s.after / 1000}k: ${mb(s.rss)}`).join(', ')}`
    expect(growth, rss).toBeLessThan(MAX_GROWTH_BYTES)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  }, 120_000)
})
