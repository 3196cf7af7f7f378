import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Config } from '../config.ts'
import type { AdminSessionResponse } from '../contract.ts'
import { DomainError } from '../errors.ts'
import { SESSION_COOKIE } from '../http/admin-guard.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { readJson } from '../http/read-json.ts'
import { validatePassword } from '../http/validate-admin.ts'
import { isoTime } from '../services/comments/to-comment.ts'
import { type AdminAuth, SESSION_MS } from '../services/moderation/admin-auth.ts'

export interface AdminSessionRoutesOptions {
  auth: AdminAuth
  config: Pick<Config, 'moderation' | 'smtpUrl' | 'webhookUrl'>
  /** Runs before a login is checked: 5 failures a minute per client, then 429. */
  loginLimit: MiddlewareHandler
  /** Whether the cookie must be Secure: the browser came over https. */
  isHttps: (c: Context) => boolean
  /**
   * The cookie's Path: where the admin API is mounted. The panel's page and every other URL of
   * the server never need the session, so the browser does not send it there.
   */
  cookiePath: string
}

/** /api/admin/login, /logout and /session: the owner's password and session cookie. */
export function adminSessionRoutes(options: AdminSessionRoutesOptions): Hono {
  const { auth, config, loginLimit, isHttps, cookiePath } = options
  return new Hono()
    .post('/login', loginLimit, async (c) => {
      const session = await auth.login(validatePassword(await readJson(c.req.raw)))
      setCookie(c, SESSION_COOKIE, session.id, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'Strict',
        secure: isHttps(c),
        maxAge: SESSION_MS / 1000,
      })
      return c.body(null, 204)
    })
    .all('/login', methodNotAllowed(['POST']))
    .post('/logout', async (c) => {
      const id = getCookie(c, SESSION_COOKIE)
      if (id) await auth.logout(id)
      deleteCookie(c, SESSION_COOKIE, { path: cookiePath, secure: isHttps(c) })
      return c.body(null, 204)
    })
    .all('/logout', methodNotAllowed(['POST']))
    .get('/session', async (c) => {
      const session = await auth.session(getCookie(c, SESSION_COOKIE))
      // The guard let this request through, so only a session ending this instant lands here.
      if (!session) throw new DomainError('unauthorized', 'Log in first: POST /api/admin/login.')
      const body: AdminSessionResponse = {
        expiresAt: isoTime(session.expiresAt),
        moderation: config.moderation,
        mail: config.smtpUrl !== null,
        webhook: config.webhookUrl !== null,
      }
      return c.json(body)
    })
    .all('/session', methodNotAllowed(['GET', 'HEAD']))
}
