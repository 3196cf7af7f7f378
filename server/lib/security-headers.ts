import type { MiddlewareHandler } from 'hono'

/** Headers every answer carries, whatever produced it (routes, static files, errors). */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    // A page may ask for less (the mail-link pages, whose URLs hold tokens, send none).
    if (!c.res.headers.has('Referrer-Policy')) {
      c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
    }
  }
}
