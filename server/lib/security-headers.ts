import type { MiddlewareHandler } from 'hono'

/** Headers every answer carries, whatever produced it (routes, static files, errors). */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
  }
}
