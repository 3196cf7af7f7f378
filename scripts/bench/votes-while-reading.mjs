// Readers of a thread's first page while the thread takes votes at a steady rate.
import { randomBytes } from 'node:crypto'
import { Agent } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { call, quantiles } from './http.mjs'

/** Readers loop on `pageUrl` for `durationMs`; answers their latencies and errors. */
async function read(pageUrl, readers, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: readers })
  const latencies = []
  let errors = 0
  const deadline = performance.now() + durationMs
  const reader = async () => {
    while (performance.now() < deadline) {
      const res = await call(pageUrl, { agent }).catch(() => ({ status: 0 }))
      if (res.status === 200) latencies.push(res.ms)
      else errors++
    }
  }
  await Promise.all(Array.from({ length: readers }, reader))
  agent.destroy()
  return { ...quantiles(latencies), errors }
}

/**
 * Sends `perSecond` votes on random comments of `commentIds` for `durationMs`, at a fixed
 * schedule whatever the answers take (an open loop, as independent readers vote), each from a
 * new random voter id of 22 characters, as the widget makes them.
 */
async function vote(origin, commentIds, perSecond, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: 100 })
  const latencies = []
  let errors = 0
  const pending = []
  const started = performance.now()
  const total = Math.round((perSecond * durationMs) / 1000)
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    const id = commentIds[Math.floor(Math.random() * commentIds.length)]
    const body = {
      value: Math.random() < 0.8 ? 1 : -1,
      voter: randomBytes(16).toString('base64url'),
    }
    const url = `${origin}/api/comments/${id}/vote`
    const sent = call(url, { method: 'POST', body, agent })
      .then((res) => (res.status === 200 ? latencies.push(res.ms) : errors++))
      .catch(() => errors++)
    pending.push(sent)
  }
  await Promise.all(pending)
  agent.destroy()
  return { ...quantiles(latencies), errors, sent: total }
}

/** Readers' latencies without votes, then with `perSecond` votes at the same time. */
export async function votesWhileReading(origin, pageUrl, commentIds, options) {
  const { readers, perSecond, durationMs } = options
  const quiet = await read(pageUrl, readers, durationMs)
  const [busy, votes] = await Promise.all([
    read(pageUrl, readers, durationMs),
    vote(origin, commentIds, perSecond, durationMs),
  ])
  return { quiet, busy, votes }
}
