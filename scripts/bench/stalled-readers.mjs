// Readers that ask for the biggest page and never read it: what they cost the server.
import { Agent } from 'node:http'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { call, quantiles, sequential } from './http.mjs'
import { rssMb, socketInodes, tcpSockets } from './processes.mjs'

const SAMPLE_MS = 100
/** How long the reader reads alone first, once warmed up. */
const BEFORE_MS = 3_000
const CLOSE_WAIT = '08'
const CLOSE = '07'
/** Another client than the stalled ones, for the server's per-client connection limit. */
const READER_ADDRESS = '127.0.0.2'

/**
 * Opens `sockets` connections that each send one GET of `stalledUrl` and then never read, for
 * `durationMs`, while sampling every 100 ms the server's RSS, the bytes the kernel holds for
 * those connections, and which of them the server has closed (it dropped a connection it held,
 * or the client's side saw its FIN or a reset), and while another reader reads `smallUrl` one
 * request at a time (for 3 s before the stall too, as the baseline). With `oneClient` false
 * each socket comes from an address of its own (127.0.1.1, 127.0.1.2 …: Linux routes all of
 * 127/8 to loopback), as 100 readers would; with true, all from 127.0.0.1, as one machine would.
 */
export async function stalledReaders(server, stalledUrl, smallUrl, options) {
  const { sockets: count, durationMs, oneClient } = options
  await sequential(smallUrl, 200, READER_ADDRESS)
  const before = await readFor(smallUrl, BEFORE_MS)
  const { pid } = server.child
  const port = Number(new URL(server.url).port)
  const { pathname, search, host } = new URL(stalledUrl)
  const request = `GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json\r\n\r\n`
  const started = performance.now()
  const stalled = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      openStalled(port, oneClient ? '127.0.0.1' : `127.0.1.${i + 1}`, request, started),
    ),
  )
  const ends = new Set(stalled.map((socket) => socket.end))
  const serverEnd = `127.0.0.1:${port}`
  const seen = new Set()
  const closedAt = new Map()
  let peakRss = rssMb(pid)
  let peakQueued = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, rssMb(pid))
      const inodes = socketInodes(pid)
      const held = new Set()
      const peerClosed = new Set()
      const present = new Set()
      let queued = 0
      for (const tcp of tcpSockets()) {
        if (tcp.local === serverEnd && ends.has(tcp.remote)) {
          queued += tcp.sendQueue
          if (inodes.has(tcp.inode)) held.add(tcp.remote)
        } else if (tcp.remote === serverEnd && ends.has(tcp.local)) {
          queued += tcp.readQueue
          present.add(tcp.local)
          if (tcp.state === CLOSE_WAIT || tcp.state === CLOSE) peerClosed.add(tcp.local)
        }
      }
      peakQueued = Math.max(peakQueued, queued)
      const now = performance.now() - started
      for (const { end, closedMs } of stalled) {
        if (held.has(end)) seen.add(end)
        // Not yet accepted is not closed: only a connection the server held can be dropped.
        const dropped = seen.has(end) && !held.has(end)
        // A reset removes the reader's socket from the table; a paused socket does not notice.
        const isReset = !present.has(end) || closedMs !== undefined
        const isClosed = dropped || peerClosed.has(end) || isReset
        if (isClosed && !closedAt.has(end)) closedAt.set(end, now)
      }
      await sleep(SAMPLE_MS)
    }
  })()
  const during = await readFor(smallUrl, durationMs - (performance.now() - started))
  sampling = false
  await sampler
  for (const { socket } of stalled) socket.destroy()
  return {
    before,
    during,
    peakRss,
    peakQueuedKb: peakQueued / 1024,
    closedAt: [...closedAt.values()].sort((a, b) => a - b),
  }
}

/** One connection that sends the request and is paused at once, so the answer stays unread. */
function openStalled(port, localAddress, request, started) {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress })
    const state = { socket, end: '', closedMs: undefined }
    socket.once('connect', () => {
      socket.pause()
      state.end = `${socket.localAddress}:${socket.localPort}`
      socket.write(request)
      resolve(state)
    })
    socket.once('error', reject)
    socket.on('close', () => {
      state.closedMs = performance.now() - started
    })
  })
}

/** One request at a time to `url` for `ms`, on one keep-alive connection. */
async function readFor(url, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const latencies = []
  let errors = 0
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    const res = await call(url, { agent, localAddress: READER_ADDRESS }).catch(() => ({
      status: 0,
    }))
    if (res.status === 200) latencies.push(res.ms)
    else {
      errors++
      await sleep(SAMPLE_MS)
    }
  }
  agent.destroy()
  return { ...quantiles(latencies), errors }
}
