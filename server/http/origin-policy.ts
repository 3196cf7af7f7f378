import type { Context, MiddlewareHandler } from 'hono'
import { DomainError } from '../errors.ts'

export interface OriginPolicyOptions {
  /** Origins allowed to write besides the server's own (CAUSERIE_ORIGINS). */
  origins: readonly string[]
  /** The server's own public origins for this request (scheme://host as the browser sees it). */
  selfOrigins: (c: Context) => readonly string[]
}

const READ_METHODS = new Set(['GET', 'HEAD'])
const PREFLIGHT_MAX_AGE = '600'

/**
 * CORS and CSRF for the API. Reads are open to every page (ACAO *), since they carry no
 * credentials and only public data. Writes carrying an Origin must come from the server itself
 * or a listed site; a write without Origin is not from a browser page, so not a CSRF vector.
 */
export function originPolicy(options: OriginPolicyOptions): MiddlewareHandler {
  const listed = new Set(options.origins)
  const isAllowed = (c: Context, origin: string) =>
    listed.has(origin) || options.selfOrigins(c).includes(origin)

  return async function originPolicy(c, next) {
    const origin = c.req.header('origin')
    if (c.req.method === 'OPTIONS') return preflight(c, origin, isAllowed)
    if (READ_METHODS.has(c.req.method)) {
      c.header('Access-Control-Allow-Origin', '*')
      return next()
    }
    c.header('Vary', 'Origin', { append: true })
    if (origin === undefined) return next()
    if (!isAllowed(c, origin)) {
      throw new DomainError(
        'forbidden_origin',
        `Origin ${origin} may not post here; add it to CAUSERIE_ORIGINS.`,
      )
    }
    c.header('Access-Control-Allow-Origin', origin)
    return next()
  }
}

function preflight(
  c: Context,
  origin: string | undefined,
  isAllowed: (c: Context, origin: string) => boolean,
): Response {
  const requested = c.req.header('access-control-request-method')?.toUpperCase()
  c.header('Vary', 'Origin')
  if (requested !== undefined && READ_METHODS.has(requested)) {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Access-Control-Allow-Methods', 'GET, HEAD')
    c.header('Access-Control-Allow-Headers', 'Content-Type')
    c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE)
  } else if (origin !== undefined && isAllowed(c, origin)) {
    c.header('Access-Control-Allow-Origin', origin)
    c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE')
    c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization')
    c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE)
  }
  // Other origins get a bare 204: the browser then refuses the write on its own.
  return c.body(null, 204)
}
