// Readers and writers at once: the mix test/load.test.ts checks for errors, here for figures.
import { Agent } from 'node:http'
import { call, quantiles } from './http.mjs'

/**
 * Readers GET `pageUrl` while writers post comments to threads of their own and edit every
 * fourth, for `durationMs`.
 */
export async function mixed(origin, pageUrl, { readers, writers, durationMs }) {
  const agent = new Agent({ keepAlive: true, maxSockets: readers + writers })
  const times = { reads: [], writes: [], edits: [] }
  let errors = 0
  const deadline = performance.now() + durationMs
  const timed = async (kind, url, options, expected) => {
    const res = await call(url, { ...options, agent }).catch(() => ({ status: 0 }))
    if (res.status === expected) times[kind].push(res.ms)
    else errors++
    return res
  }
  const reader = async () => {
    while (performance.now() < deadline) await timed('reads', pageUrl, {}, 200)
  }
  const writer = async (w) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const body = { uri: `/bench/written-${w}`, text: `Bench comment ${n} from writer ${w}.` }
      const res = await timed('writes', `${origin}/api/comments`, { method: 'POST', body }, 201)
      if (res.status !== 201 || n % 4 !== 0) continue
      const { comment, token } = JSON.parse(res.body.toString())
      const edit = {
        method: 'PATCH',
        body: { text: `Bench comment ${n}, edited.` },
        headers: { authorization: `Bearer ${token}` },
      }
      await timed('edits', `${origin}/api/comments/${comment.id}`, edit, 200)
    }
  }
  const started = performance.now()
  await Promise.all([
    ...Array.from({ length: readers }, reader),
    ...Array.from({ length: writers }, (_, w) => writer(w)),
  ])
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  const total = times.reads.length + times.writes.length + times.edits.length
  return {
    rps: total / elapsed,
    errors,
    reads: quantiles(times.reads),
    writes: quantiles(times.writes),
    edits: quantiles(times.edits),
  }
}
