import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

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

/** '::ffff:10.0.0.1' and '10.0.0.1' are one client. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address.toLowerCase()
}

/**
 * The part of an address that names one client for limits, bans and first-time moderation: an
 * IPv4 address whole, an IPv6 address by its /64 (RFC 4291 §2.5.4), since a single household or
 * server is routinely given a whole /64 and could otherwise take 2^64 budgets. An IPv4-mapped
 * IPv6 address is its IPv4 address. Anything else (tests' fake addresses) is kept as it is.
 */
export function clientNetwork(address: string): string {
  const groups = isIP(address) === 6 ? ipv6Groups(address) : undefined
  if (groups === undefined) return plainAddress(address)
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) {
    return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.')
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`
}

/** The eight 16-bit groups of an address that isIP() accepted as IPv6 (zone and all). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '')
  // A trailing dotted IPv4 part (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is the last two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)))
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const groups = [...left, ...Array(8 - left.length - right.length).fill(0), ...right]
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? NO_SOCKET
  } catch {
    return NO_SOCKET
  }
}
