import type { Context } from 'hono'
import { isTrustedPeer } from './client-address.ts'

/**
 * The server's own origins for a request: the URL it was addressed to, and, behind a trusted
 * TLS-terminating proxy, the scheme and host the browser actually used.
 */
export function selfOrigins(trustProxy: readonly string[]): (c: Context) => string[] {
  return (c) => {
    const url = new URL(c.req.url)
    const origins = [url.origin]
    const proto = forwardedProto(c, trustProxy)
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || url.host
    if (proto !== undefined) origins.push(`${proto}://${host.toLowerCase()}`)
    return origins
  }
}

/** Whether the browser reached us over https, directly or through a trusted proxy. */
export function isHttps(c: Context, trustProxy: readonly string[]): boolean {
  return new URL(c.req.url).protocol === 'https:' || forwardedProto(c, trustProxy) === 'https'
}

function forwardedProto(c: Context, trustProxy: readonly string[]): 'http' | 'https' | undefined {
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if ((proto === 'http' || proto === 'https') && isTrustedPeer(c, trustProxy)) return proto
  return undefined
}
