import { describe, expect, it } from 'vitest'
import { hashClient, keyedHash } from './keyed-hash.ts'

const SECRET = Buffer.alloc(32, 3)

describe('hashClient', () => {
  it('gives every address of one IPv6 /64 the same hash, and another /64 another', () => {
    const home = hashClient(SECRET, '2001:db8:a:b::1')
    expect(hashClient(SECRET, '2001:db8:a:b:ffff:ffff:ffff:fffe')).toBe(home)
    expect(hashClient(SECRET, '2001:DB8:A:B:0:0:0:1')).toBe(home)
    expect(hashClient(SECRET, '2001:db8:a:c::1')).not.toBe(home)
  })

  it('keys IPv4 on the whole address, mapped or not, as before', () => {
    const ipv4 = hashClient(SECRET, '192.0.2.1')
    expect(hashClient(SECRET, '::ffff:192.0.2.1')).toBe(ipv4)
    expect(hashClient(SECRET, '192.0.2.2')).not.toBe(ipv4)
    // Unchanged for IPv4, so the client hashes already stored (and banned) still match.
    expect(ipv4).toBe(keyedHash(SECRET, 'client:192.0.2.1'))
  })
})
