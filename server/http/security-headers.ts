import type { MiddlewareHandler } from 'hono'

/** Headers every answer carries, whatever produced it (routes, static files, errors). */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    // On the finished answer's own headers: c.header() after next() rebuilds the answer around
    // its body as a stream, which took a third of the time of a cached GET /api/comments.
    // Every answer here is built by Hono, so its headers are mutable.
    const headers = c.res.headers
    headers.set('X-Content-Type-Options', 'nosniff')
    // A page may ask for less (the mail-link pages, whose URLs hold tokens, send none).
    if (!headers.has('Referrer-Policy')) {
      headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    }
  }
}
