import { expect } from 'vitest'
import { createTestApp, type TestApp } from './create-test-app.ts'

/** The password the admin test apps are started with. */
export const TEST_PASSWORD = 'correct horse battery staple'
/** Environment for createTestApp with an admin password. */
export const ADMIN_ENV = { CAUSERIE_ADMIN_PASSWORD: TEST_PASSWORD }
/** The origin app.request() requests are addressed to: the server's own. */
export const SELF_ORIGIN = 'http://localhost'

export interface AdminClient {
  /** The session cookie, as a Cookie header value. */
  cookie: string
  /** A call to the admin API with the session cookie and the server's own Origin. */
  call(method: string, path: string, body?: unknown): Promise<Response>
  /** A call that must answer `status`; answers its parsed JSON. */
  json<T>(method: string, path: string, body?: unknown, status?: number): Promise<T>
}

/** Logs in to a test app (made with ADMIN_ENV) and answers a client that carries the session. */
export async function loginAdmin(t: TestApp): Promise<AdminClient> {
  const response = await t.send(
    'POST',
    '/api/admin/login',
    { password: TEST_PASSWORD },
    {
      origin: SELF_ORIGIN,
    },
  )
  expect(response.status, await response.clone().text()).toBe(204)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const call: AdminClient['call'] = async (method, path, body) =>
    t.app.request(path, {
      method,
      headers: {
        cookie,
        origin: SELF_ORIGIN,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  return {
    cookie,
    call,
    async json(method, path, body, status = 200) {
      const answer = await call(method, path, body)
      expect(answer.status, await answer.clone().text()).toBe(status)
      return answer.json()
    },
  }
}

/** A test app with an admin password, already logged in. */
export async function adminTestApp(
  env: Record<string, string> = {},
): Promise<TestApp & { admin: AdminClient }> {
  const t = createTestApp({ env: { ...ADMIN_ENV, ...env } })
  return { ...t, admin: await loginAdmin(t) }
}

/** Posts a comment that must be accepted (201 or 202); answers its id. */
export async function postComment(t: TestApp, body: Record<string, unknown>): Promise<number> {
  const response = await t.send('POST', '/api/comments', body)
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return ((await response.json()) as { comment: { id: number } }).comment.id
}
