import { configureAdminApi } from '../../widget/admin/api.ts'
import { ADMIN_ENV, SELF_ORIGIN, TEST_PASSWORD } from './create-admin-client.ts'
import { createTestApp, type TestApp } from './create-test-app.ts'

export { TEST_PASSWORD }

/**
 * For the admin panel's store tests: a real server app (in-memory SQLite, fake clock) that the
 * panel's api.ts reaches through the app's own fetch, as a browser would: each request carries
 * the server's Origin and the session cookie its login set.
 */
export function createAdminTestApi(env: Record<string, string> = {}): TestApp {
  const t = createTestApp({ env: { ...ADMIN_ENV, ...env } })
  let cookie = ''
  configureAdminApi({
    baseUrl: SELF_ORIGIN,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      request.headers.set('origin', SELF_ORIGIN)
      if (cookie) request.headers.set('cookie', cookie)
      const response = await t.app.fetch(request)
      const set = response.headers.get('set-cookie')
      if (set) cookie = /Max-Age=0/i.test(set) ? '' : (set.split(';')[0] ?? '')
      return response
    },
  })
  return t
}
