import { createHmac } from 'node:crypto'

/**
 * HMAC-SHA256 of `value` under the server's secret, as hex. Used wherever we must recognise
 * a client or an author again without keeping what identifies them (an IP, an email).
 */
export function keyedHash(secret: Uint8Array, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex')
}

/** The stored stand-in for a client's address: stable for one server, useless anywhere else. */
export function hashClient(secret: Uint8Array, address: string): string {
  return keyedHash(secret, `client:${address}`)
}
