import type { Agent } from 'node:http'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, ThreadResponse } from '../server/contract.ts'
import { keepAliveAgent, type Timed, timedJson, timedRequest } from './support/load.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// The issue: "1,000 comments from one client — sent sequentially and as a concurrent burst —
// are limited to the configured rate (no race lets extra ones through), the rest get 429, and
// other clients are served normally meanwhile. A forged X-Forwarded-For from a client that is
// not a trusted proxy changes nothing." Clients are told apart by distinct IPv4 addresses that
// the test, as the trusted proxy 127.0.0.1, writes into X-Forwarded-For.

const LIMIT = 5
const FLOOD = 1_000

const servers: TestServer[] = []
async function start(env: Record<string, string>): Promise<TestServer> {
  const server = await startServer({
    env: { CAUSERIE_RATE_LIMIT: String(LIMIT), CAUSERIE_DEMO: 'off', ...env },
  })
  servers.push(server)
  return server
}
afterAll(async () => {
  for (const server of servers) {
    expect(server.stderr()).not.toMatch(STACK_TRACE)
    await server.dispose()
  }
})

let proxied: TestServer
beforeAll(async () => {
  proxied = await start({ CAUSERIE_TRUST_PROXY: '127.0.0.1' })
})

function post(
  server: TestServer,
  agent: Agent | false,
  uri: string,
  text: string,
  xff?: string,
): Promise<Timed> {
  return timedJson(
    `${server.url}/api/comments`,
    agent,
    'POST',
    { uri, text, name: 'Flood' },
    xff === undefined ? {} : { 'x-forwarded-for': xff },
  )
}

/** Distinct, valid comment texts (a repeated one would be a 422 duplicate, and count too). */
const textOf = (tag: string, i: number) => `${tag} comment number ${i}, unique ${i * 7919}`

/** Splits answers into accepted and limited; anything else is listed in `other`. */
function tally(answers: Timed[]) {
  const accepted = answers.filter((a) => a.status === 201)
  const limited = answers.filter((a) => a.status === 429)
  const other = answers
    .filter((a) => a.status !== 201 && a.status !== 429)
    .map((a) => `${a.status} ${a.text.slice(0, 200)}`)
  const badLimited = limited
    .filter((a) => {
      const retryAfter = Number(a.headers['retry-after'])
      const code = (JSON.parse(a.text) as ErrorBody).error.code
      return !(code === 'rate_limited' && retryAfter >= 1 && retryAfter <= 60)
    })
    .map((a) => `${a.headers['retry-after']} ${a.text.slice(0, 200)}`)
  return { accepted: accepted.length, limited: limited.length, other, badLimited }
}

async function total(server: TestServer, uri: string): Promise<number> {
  const res = await timedRequest(`${server.url}/api/comments?uri=${encodeURIComponent(uri)}`, false)
  expect(res.status, res.text).toBe(200)
  return (JSON.parse(res.text) as ThreadResponse).total
}

/**
 * Another client, while a flood runs: LIMIT comments and some reads, each on a connection of
 * its own, all served normally.
 */
async function bystander(server: TestServer, xff: string, uri: string): Promise<Timed[]> {
  const answers: Timed[] = []
  for (let i = 0; i < LIMIT; i++) {
    answers.push(await post(server, false, uri, textOf(`bystander ${xff}`, i), xff))
    answers.push(
      await timedRequest(`${server.url}/api/comments?uri=${encodeURIComponent(uri)}`, false, {
        headers: { 'x-forwarded-for': xff },
      }),
    )
    answers.push(
      await timedRequest(`${server.url}/api/counts?uri=${encodeURIComponent(uri)}`, false),
    )
  }
  return answers
}

const statuses = (answers: Timed[]) => answers.map((a) => `${a.status} ${a.text.slice(0, 120)}`)
const expected = (answers: Timed[]) =>
  answers.map((a) => `${a.status === 201 ? 201 : 200} ${a.text.slice(0, 120)}`)

describe('floods', () => {
  it('lets 5 of 1,000 sequential comments from one client through, 429 for the rest', async () => {
    const agent = keepAliveAgent(1)
    const uri = '/flood/sequential'
    const answers: Timed[] = []
    const started = performance.now()
    const flood = async () => {
      for (let i = 0; i < FLOOD; i++) {
        answers.push(await post(proxied, agent, uri, textOf('sequential', i), '203.0.113.1'))
      }
    }
    const [, others] = await Promise.all([
      flood(),
      bystander(proxied, '203.0.113.11', '/flood/by-1'),
    ])
    const seconds = (performance.now() - started) / 1000
    agent.destroy()
    const result = tally(answers)
    console.log(
      `sequential flood: ${FLOOD} POSTs in ${seconds.toFixed(1)} s: ${result.accepted} × 201, ` +
        `${result.limited} × 429; bystander: ${statuses(others)
          .map((s) => s.slice(0, 3))
          .join(' ')}`,
    )
    expect(result.other).toEqual([])
    expect(result.badLimited).toEqual([])
    expect({ accepted: result.accepted, limited: result.limited }).toEqual({
      accepted: LIMIT,
      limited: FLOOD - LIMIT,
    })
    // The first five, in order, and nothing after them.
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(201))
    expect(statuses(others)).toEqual(expected(others))
    expect(await total(proxied, uri)).toBe(LIMIT)
    expect(await total(proxied, '/flood/by-1')).toBe(LIMIT)
  })

  it('lets exactly 5 of a concurrent burst of 1,000 through, and serves others meanwhile', async () => {
    const agent = keepAliveAgent(250)
    const uri = '/flood/burst'
    const started = performance.now()
    const burst = Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        post(proxied, agent, uri, textOf('burst', i), '203.0.113.2'),
      ),
    )
    const [answers, others] = await Promise.all([
      burst,
      bystander(proxied, '203.0.113.12', '/flood/by-2'),
    ])
    const seconds = (performance.now() - started) / 1000
    agent.destroy()
    const result = tally(answers)
    console.log(
      `concurrent burst: ${FLOOD} POSTs on 250 sockets in ${seconds.toFixed(1)} s: ` +
        `${result.accepted} × 201, ${result.limited} × 429; bystander: ` +
        statuses(others)
          .map((s) => s.slice(0, 3))
          .join(' '),
    )
    expect(result.other).toEqual([])
    expect(result.badLimited).toEqual([])
    expect({ accepted: result.accepted, limited: result.limited }).toEqual({
      accepted: LIMIT,
      limited: FLOOD - LIMIT,
    })
    expect(statuses(others)).toEqual(expected(others))
    expect(await total(proxied, uri)).toBe(LIMIT)
    expect(await total(proxied, '/flood/by-2')).toBe(LIMIT)
  })

  it('ignores a forged X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const forgeries = 200
    const figures: string[] = []
    for (const trustProxy of ['', '10.9.9.9']) {
      const server = await start({ CAUSERIE_TRUST_PROXY: trustProxy })
      // One socket, as one client would use; a new address in X-Forwarded-For every time,
      // sometimes behind the address of the real trusted proxy.
      const agent = keepAliveAgent(1)
      const uri = '/flood/forged'
      const answers: Timed[] = []
      for (let i = 0; i < forgeries; i++) {
        const forged = `198.51.${(i >> 8) & 255}.${i & 255}`
        const xff = i % 3 === 2 ? `${forged}, 10.9.9.9` : forged
        answers.push(await post(server, agent, uri, textOf(`forged ${trustProxy}`, i), xff))
      }
      agent.destroy()
      const result = tally(answers)
      figures.push(
        `trust proxy "${trustProxy}": ${forgeries} forged POSTs: ${result.accepted} × 201, ${result.limited} × 429`,
      )
      expect(result.other).toEqual([])
      expect(result.badLimited).toEqual([])
      expect({ trustProxy, accepted: result.accepted, limited: result.limited }).toEqual({
        trustProxy,
        accepted: LIMIT,
        limited: forgeries - LIMIT,
      })
      expect(await total(server, uri)).toBe(LIMIT)
    }
    console.log(`forged X-Forwarded-For\n  ${figures.join('\n  ')}`)
  })
})
