import { isIP } from 'node:net'

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
