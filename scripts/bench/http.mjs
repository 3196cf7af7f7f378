// HTTP clients of the bench: one timed request, a closed-loop load, and their statistics.
import { Agent, request } from 'node:http'

/** One request; resolves with its status, headers, body and time to the last byte in ms. */
export function call(url, options = {}) {
  const { method = 'GET', body, agent, localAddress, headers: extra = {} } = options
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? extra : { 'content-type': 'application/json', ...extra }
    const started = performance.now()
    const req = request(url, { method, headers, agent, localAddress }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      )
    })
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

/** `call`, failing on any status but `expected`. */
export async function expectStatus(expected, url, options) {
  const res = await call(url, options)
  if (res.status !== expected) throw new Error(`${url}: ${res.status} ${res.body}`)
  return res
}

/** Count, p50 and p99 of latencies in ms. */
export function quantiles(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN }
}

/** Like autocannon: `connections` loops on keep-alive sockets GET `url` for `durationMs`. */
export async function load(url, connections, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  const started = performance.now()
  const deadline = started + durationMs
  const loop = async () => {
    while (performance.now() < deadline) {
      try {
        const res = await call(url, { agent })
        if (res.status !== 200) errors++
        latencies.push(res.ms)
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  return { rps: latencies.length / elapsed, errors, ...quantiles(latencies) }
}

/**
 * Times `count` GETs of `url` one after another on one open keep-alive connection, so that
 * connecting is not counted: what is left is the server's time plus a loopback round trip.
 * `localAddress` (e.g. 127.0.0.2) makes it another client for the server's per-client limits.
 */
export async function sequential(url, count, localAddress) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  await call(url, { agent, localAddress })
  const latencies = []
  for (let i = 0; i < count; i++) latencies.push((await call(url, { agent, localAddress })).ms)
  agent.destroy()
  return quantiles(latencies)
}
