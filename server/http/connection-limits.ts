import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { clientNetwork, plainAddress } from '../lib/client-network.ts'

export interface ConnectionLimitsOptions {
  /** Time an answer has to reach its client, from the request's arrival; then the socket is cut. */
  sendTimeoutMs: number
  /** Open connections per client (an IPv4 address, an IPv6 /64); 0: no limit. */
  perClient: number
  /** Proxies' addresses: their connections carry many clients, so they are never counted. */
  trustProxy: readonly string[]
}

/** How often answers are checked against their deadline. */
const SWEEP_MS = 1_000

const TOO_MANY = JSON.stringify({
  error: { code: 'rate_limited', message: 'Too many open connections from this client.' },
})

/**
 * Bounds what slow and stalled readers can hold. A client that asks for answers and never reads
 * them (or reads a byte now and then) keeps them in the server's memory: each answer must be
 * sent within `sendTimeoutMs`, or its socket is destroyed and its buffers freed. And one client
 * may hold at most `perClient` connections: one more is answered 429 and closed at once, before
 * anything is parsed, so a single machine cannot take every socket. Returns a stop function.
 */
export function limitConnections(server: Server, options: ConnectionLimitsOptions): () => void {
  const { sendTimeoutMs, perClient, trustProxy } = options
  const proxies = new Set(trustProxy.map(plainAddress))
  const open = new Map<string, number>()
  const sending = new Map<ServerResponse, number>()

  function onConnection(socket: Socket): void {
    const address = plainAddress(socket.remoteAddress ?? '')
    if (perClient === 0 || proxies.has(address)) return
    const client = clientNetwork(address)
    const count = (open.get(client) ?? 0) + 1
    if (count > perClient) {
      socket.end(
        'HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n' +
          `Retry-After: 1\r\nConnection: close\r\nContent-Length: ${TOO_MANY.length}\r\n\r\n${TOO_MANY}`,
      )
      socket.destroySoon()
      return
    }
    open.set(client, count)
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1
      if (left > 0) open.set(client, left)
      else open.delete(client)
    })
  }

  function onRequest(_request: IncomingMessage, response: ServerResponse): void {
    sending.set(response, Date.now() + sendTimeoutMs)
    response.once('close', () => sending.delete(response))
  }

  // One sweep for all answers rather than a timer per request: reads stay cheap.
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [response, deadline] of sending) {
      if (deadline > now) continue
      sending.delete(response)
      response.destroy()
    }
  }, SWEEP_MS)
  sweep.unref()

  server.prependListener('connection', onConnection)
  server.prependListener('request', onRequest)
  return () => {
    clearInterval(sweep)
    server.off('connection', onConnection)
    server.off('request', onRequest)
  }
}
