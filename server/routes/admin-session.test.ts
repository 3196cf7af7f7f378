import { describe, expect, it } from 'vitest'
import {
  ADMIN_ENV,
  loginAdmin,
  SELF_ORIGIN,
  TEST_PASSWORD,
} from '../../test/support/create-admin-client.ts'
import {
  createTestApp,
  expectError,
  TEST_PASSWORD_COST,
} from '../../test/support/create-test-app.ts'
import { hashPassword } from '../lib/password-hash.ts'
import { PASSWORD_META_KEY } from '../services/moderation/admin-auth.ts'

const self = { origin: SELF_ORIGIN }

describe('POST /api/admin/login', () => {
  it('answers 204 with an HttpOnly, SameSite=Strict session cookie for the right password', async () => {
    const t = createTestApp({ env: ADMIN_ENV })
    const response = await t.send('POST', '/api/admin/login', { password: TEST_PASSWORD }, self)
    expect(response.status).toBe(204)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^causerie_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    // Only the admin API needs the session: not the panel's page, the widget or the mail links.
    expect(cookie).toMatch(/; Path=\/api\/admin;/)
    expect(cookie).toMatch(/; Max-Age=604800/)
    expect(cookie).not.toMatch(/Secure/)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('marks the cookie Secure over https, or behind a trusted proxy saying https', async () => {
    const t = createTestApp({ env: { ...ADMIN_ENV, CAUSERIE_TRUST_PROXY: '127.0.0.1' } })
    const direct = await t.app.request('https://localhost/api/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://localhost' },
      body: JSON.stringify({ password: TEST_PASSWORD }),
    })
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/)
    const proxied = await t.send(
      'POST',
      '/api/admin/login',
      { password: TEST_PASSWORD },
      {
        origin: 'https://localhost',
        'x-forwarded-proto': 'https',
      },
    )
    expect(proxied.status).toBe(204)
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('answers 401 wrong_password and sets no cookie for a wrong password', async () => {
    const t = createTestApp({ env: ADMIN_ENV })
    const response = await t.send('POST', '/api/admin/login', { password: 'nope' }, self)
    expect(response.headers.get('set-cookie')).toBeNull()
    await expectError(response, 401, 'wrong_password')
  })

  it('answers 422 without a password, and 401 when no password is set at all', async () => {
    const t = createTestApp({ env: ADMIN_ENV })
    await expectError(
      await t.send('POST', '/api/admin/login', {}, self),
      422,
      'invalid_input',
      'password',
    )
    const bare = createTestApp()
    await expectError(
      await bare.send('POST', '/api/admin/login', { password: TEST_PASSWORD }, self),
      401,
      'wrong_password',
    )
  })

  it('accepts the generated password whose hash is stored, when no variable is set', async () => {
    const t = createTestApp()
    await t.store.setMeta(
      PASSWORD_META_KEY,
      await hashPassword('generated-secret', TEST_PASSWORD_COST),
    )
    const ok = await t.send('POST', '/api/admin/login', { password: 'generated-secret' }, self)
    expect(ok.status).toBe(204)
    const env = createTestApp({ env: ADMIN_ENV })
    await env.store.setMeta(
      PASSWORD_META_KEY,
      await hashPassword('generated-secret', TEST_PASSWORD_COST),
    )
    // CAUSERIE_ADMIN_PASSWORD wins over a stored hash.
    await expectError(
      await env.send('POST', '/api/admin/login', { password: 'generated-secret' }, self),
      401,
      'wrong_password',
    )
  })

  it('answers 429 with Retry-After after 5 failures a minute from one client, and only then', async () => {
    const t = createTestApp({
      env: ADMIN_ENV,
      clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.1',
    })
    const login = (password: string, client = '192.0.2.1') =>
      t.send('POST', '/api/admin/login', { password }, { ...self, 'x-test-client': client })
    expect((await login(TEST_PASSWORD)).status).toBe(204)
    const failures = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => login('wrong')))
    expect(failures.map((response) => response.status).sort()).toEqual([
      401, 401, 401, 401, 401, 429, 429,
    ])
    const refused = await login(TEST_PASSWORD)
    await expectError(refused, 429, 'rate_limited')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await login(TEST_PASSWORD, '192.0.2.2')).status).toBe(204)
    t.tick(60_001)
    expect((await login(TEST_PASSWORD)).status).toBe(204)
  })

  it('refuses a login from a foreign Origin or without Origin with 403', async () => {
    const t = createTestApp({ env: { ...ADMIN_ENV, CAUSERIE_ORIGINS: 'https://blog.example' } })
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://blog.example' },
      {},
    ]
    for (const headers of attempts) {
      const response = await t.send(
        'POST',
        '/api/admin/login',
        { password: TEST_PASSWORD },
        headers,
      )
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      expect(response.headers.get('set-cookie')).toBeNull()
      await expectError(response, 403, 'forbidden_origin')
    }
  })
})

describe('admin session', () => {
  it('answers GET /api/admin/session with the session and the server set-up', async () => {
    const t = createTestApp({ env: { ...ADMIN_ENV, CAUSERIE_MODERATION: 'first-time' } })
    const admin = await loginAdmin(t)
    expect(await admin.json('GET', '/api/admin/session')).toEqual({
      expiresAt: '2025-06-08T12:00:00.000Z',
      moderation: 'first-time',
      mail: false,
      webhook: false,
    })
  })

  it('answers 401 unauthorized on every admin path without a valid session', async () => {
    const t = createTestApp({ env: ADMIN_ENV })
    const paths = [
      ['GET', '/api/admin/session'],
      ['GET', '/api/admin/comments?status=pending'],
      ['GET', '/api/admin/comments/1'],
      ['GET', '/api/admin/stats'],
      ['GET', '/api/admin/threads'],
      ['GET', '/api/admin/blocklist'],
      ['GET', '/api/admin/nothing-here'],
      ['GET', '/api/admin'],
      ['POST', '/api/admin/logout'],
      ['PATCH', '/api/admin/comments/1'],
    ]
    for (const cookie of [undefined, 'causerie_session=forged', 'other=1']) {
      for (const [method = 'GET', path = ''] of paths) {
        const response = await t.app.request(path, {
          method,
          headers: { ...self, ...(cookie ? { cookie } : {}) },
        })
        await expectError(response, 401, 'unauthorized')
      }
    }
  })

  it('ends a session on logout and after a week', async () => {
    const t = createTestApp({ env: ADMIN_ENV })
    const admin = await loginAdmin(t)
    const logout = await admin.call('POST', '/api/admin/logout')
    expect(logout.status).toBe(204)
    // The same Path as the login's cookie, or the browser would keep that one.
    expect(logout.headers.get('set-cookie')).toMatch(
      /^causerie_session=;.*Max-Age=0.*; Path=\/api\/admin(;|$)/,
    )
    await expectError(await admin.call('GET', '/api/admin/session'), 401, 'unauthorized')
    const again = await loginAdmin(t)
    t.tick(7 * 86_400_000 - 1)
    expect((await again.call('GET', '/api/admin/session')).status).toBe(200)
    t.tick(1)
    await expectError(await again.call('GET', '/api/admin/session'), 401, 'unauthorized')
  })

  it('refuses a state change from a foreign Origin even with a session, and grants no CORS', async () => {
    const t = createTestApp({ env: { ...ADMIN_ENV, CAUSERIE_ORIGINS: 'https://blog.example' } })
    const admin = await loginAdmin(t)
    for (const origin of ['https://blog.example', 'https://evil.example', undefined]) {
      const response = await t.app.request('/api/admin/logout', {
        method: 'POST',
        headers: { cookie: admin.cookie, ...(origin ? { origin } : {}) },
      })
      await expectError(response, 403, 'forbidden_origin')
    }
    const read = await t.app.request('/api/admin/session', {
      headers: { cookie: admin.cookie, origin: 'https://blog.example' },
    })
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await t.app.request('/api/admin/comments/1', {
      method: 'OPTIONS',
      headers: { origin: 'https://blog.example', 'access-control-request-method': 'PATCH' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect((await admin.call('GET', '/api/admin/session')).status).toBe(200)
  })
})
