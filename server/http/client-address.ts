import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { plainAddress } from '../lib/client-network.ts'

/** Reads the address a request came from; injectable so that tests can play many clients. */
export type ClientAddress = (c: Context) => string

/** Used when there is no socket, as under `app.request()` in tests. */
const NO_SOCKET = '127.0.0.1'

/**
 * Builds the default reader: the socket's peer, or, only when that peer is a trusted proxy,
 * the right-most X-Forwarded-For entry that is not itself a trusted proxy.
 */
export function clientAddress(trustProxy: readonly string[]): ClientAddress {
  const trusted = new Set(trustProxy.map(plainAddress))
  return function clientAddress(c) {
    return resolveClientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trusted)
  }
}

/** The rule itself, apart from Hono, so that it can be tested with plain strings. */
export function resolveClientAddress(
  socket: string,
  forwardedFor: string | undefined,
  trusted: ReadonlySet<string>,
): string {
  const peer = plainAddress(socket)
  if (!trusted.has(peer) || !forwardedFor) return peer
  // Proxies append; everything left of the last trusted hop was written by the client.
  const hops = forwardedFor.split(',').map((hop) => plainAddress(hop.trim()))
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index] ?? ''
    if (trusted.has(hop)) continue
    return isIP(hop) === 0 ? peer : hop
  }
  return hops[0] || peer
}

/** Whether the socket peer of this request is one of the trusted proxies. */
export function isTrustedPeer(c: Context, trustProxy: readonly string[]): boolean {
  const peer = plainAddress(socketAddress(c))
  return trustProxy.some((proxy) => plainAddress(proxy) === peer)
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? NO_SOCKET
  } catch {
    return NO_SOCKET
  }
}
