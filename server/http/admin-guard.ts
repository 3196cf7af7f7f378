import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { DomainError } from '../errors.ts'

/** The admin session cookie: HttpOnly, SameSite=Strict, Secure over https. */
export const SESSION_COOKIE = 'causerie_session'

const READ_METHODS = new Set(['GET', 'HEAD'])

export interface AdminGuardOptions {
  /** Whether a cookie value names a live session. */
  isSession: (id: string | undefined) => Promise<boolean>
  selfOrigins: (c: Context) => readonly string[]
  /** Paths reachable without a session: the login. */
  openPaths: readonly string[]
}

/**
 * Guards /api/admin/*: no CORS at all; every write must carry the server's own Origin, since the
 * cookie is the credential (a missing Origin is refused too: CSRF on moderation hurt Isso #40
 * and Remark42 #16); and every call but the login needs a session.
 */
export function adminGuard(options: AdminGuardOptions): MiddlewareHandler {
  return async function adminGuard(c, next) {
    // A bare 204 without Access-Control-* headers: the browser refuses the cross-origin call.
    if (c.req.method === 'OPTIONS') return c.body(null, 204)
    if (!READ_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin')
      if (origin === undefined || !options.selfOrigins(c).includes(origin)) {
        throw new DomainError(
          'forbidden_origin',
          'Admin changes must come from the admin panel on this server (its Origin).',
        )
      }
    }
    if (!options.openPaths.includes(c.req.path)) {
      if (!(await options.isSession(getCookie(c, SESSION_COOKIE)))) {
        throw new DomainError('unauthorized', 'Log in first: POST /api/admin/login.')
      }
    }
    await next()
  }
}
