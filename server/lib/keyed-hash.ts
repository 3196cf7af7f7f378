import { createHmac } from 'node:crypto'
import { clientNetwork } from './client-network.ts'

/**
 * HMAC-SHA256 of `value` under the server's secret, as hex. Used wherever we must recognise
 * a client or an author again without keeping what identifies them (an IP, an email).
 */
export function keyedHash(secret: Uint8Array, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex')
}

/**
 * The stored stand-in for a client's address: stable for one server, useless anywhere else.
 * Every limit, ban and first-time check keys on it, so it names the client's network: an IPv6
 * address counts by its /64 (see clientNetwork).
 */
export function hashClient(secret: Uint8Array, address: string): string {
  return keyedHash(secret, `client:${clientNetwork(address)}`)
}
