import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientNetwork, plainAddress } from '../lib/client-network.ts'
import { clientAddress, isTrustedPeer, resolveClientAddress } from './client-address.ts'

const trusted = new Set(['10.0.0.1', '10.0.0.2'])

describe('resolveClientAddress', () => {
  it('uses the socket and ignores X-Forwarded-For from anyone else', () => {
    expect(resolveClientAddress('203.0.113.9', '1.2.3.4', trusted)).toBe('203.0.113.9')
    expect(resolveClientAddress('203.0.113.9', undefined, trusted)).toBe('203.0.113.9')
  })

  it('believes a trusted proxy: the right-most address that is not a proxy', () => {
    expect(resolveClientAddress('10.0.0.1', '1.2.3.4', trusted)).toBe('1.2.3.4')
    expect(resolveClientAddress('10.0.0.1', 'spoofed, 1.2.3.4, 10.0.0.2', trusted)).toBe('1.2.3.4')
    expect(resolveClientAddress('10.0.0.1', '9.9.9.9,1.2.3.4', trusted)).toBe('1.2.3.4')
    expect(resolveClientAddress('::ffff:10.0.0.1', '2001:db8::1', trusted)).toBe('2001:db8::1')
  })

  it('falls back to the proxy when the header holds garbage or only proxies', () => {
    expect(resolveClientAddress('10.0.0.1', 'not-an-ip', trusted)).toBe('10.0.0.1')
    expect(resolveClientAddress('10.0.0.1', '', trusted)).toBe('10.0.0.1')
    expect(resolveClientAddress('10.0.0.1', '10.0.0.2', trusted)).toBe('10.0.0.2')
  })
})

describe('plainAddress', () => {
  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(plainAddress('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(plainAddress('2001:DB8::1')).toBe('2001:db8::1')
  })
})

describe('clientNetwork', () => {
  it('names an IPv6 client by its /64, however the address is written', () => {
    expect(clientNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(clientNetwork('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64')
    expect(clientNetwork('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64')
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64')
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64')
  })

  it('names an IPv4 client, IPv4-mapped IPv6 included, by its whole address', () => {
    expect(clientNetwork('192.0.2.1')).toBe('192.0.2.1')
    expect(clientNetwork('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(clientNetwork('::FFFF:c000:0201')).toBe('192.0.2.1')
  })

  it('keeps what is not an IP address as it is', () => {
    expect(clientNetwork('not-an-ip')).toBe('not-an-ip')
    expect(clientNetwork('')).toBe('')
  })
})

describe('clientAddress', () => {
  function appSeeing(trustProxy: string[]) {
    const app = new Hono()
    app.get('/', (c) =>
      c.json({ address: clientAddress(trustProxy)(c), trusted: isTrustedPeer(c, trustProxy) }),
    )
    return app
  }

  it('reads the socket through the Node bindings', async () => {
    const env = { incoming: { socket: { remoteAddress: '10.0.0.1' } } }
    const response = await appSeeing(['10.0.0.1']).request(
      '/',
      { headers: { 'x-forwarded-for': '1.2.3.4' } },
      env,
    )
    expect(await response.json()).toEqual({ address: '1.2.3.4', trusted: true })
  })

  it('answers 127.0.0.1 when there is no socket, as under app.request()', async () => {
    const response = await appSeeing([]).request('/', { headers: { 'x-forwarded-for': '1.2.3.4' } })
    expect(await response.json()).toEqual({ address: '127.0.0.1', trusted: false })
  })
})
