import { afterEach, describe, expect, it } from 'vitest'
import { createAdminTestApi, TEST_PASSWORD } from '../../../test/support/create-admin-test-api.ts'
import { ApiError } from '../../lib/api-error.ts'
import { $session, checkSession, failed, logIn, logOut } from './session.ts'

afterEach(() => {
  $session.set({ status: 'checking' })
})

describe('the session', () => {
  it('is out without a cookie, and in after the right password', async () => {
    createAdminTestApi({ CAUSERIE_MODERATION: 'all' })
    await checkSession()
    expect($session.get()).toEqual({ status: 'out' })
    expect(await logIn(TEST_PASSWORD)).toBeUndefined()
    expect($session.get()).toMatchObject({ status: 'in', info: { moderation: 'all', mail: false } })
  })

  it('reports a wrong password, then how long to wait after too many', async () => {
    createAdminTestApi()
    const failures = []
    for (let i = 0; i < 6; i++) failures.push(await logIn('wrong'))
    expect(failures.map((failure) => failure?.code)).toEqual([
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'rate_limited',
    ])
    expect(failures[5]?.retryAfter).toBe(60)
    expect($session.get().status).toBe('checking')
  })

  it('logs out, on the server too', async () => {
    createAdminTestApi()
    await logIn(TEST_PASSWORD)
    expect(await logOut()).toBeUndefined()
    expect($session.get()).toEqual({ status: 'out' })
    await checkSession()
    expect($session.get()).toEqual({ status: 'out' })
  })

  it('ends in the panel when a call answers 401, and says so at the login', async () => {
    createAdminTestApi()
    await logIn(TEST_PASSWORD)
    expect(failed(new TypeError('Failed to fetch')).code).toBe('network')
    expect($session.get().status).toBe('in')
    failed(new ApiError('unauthorized', 401, 'Log in first'))
    expect($session.get()).toEqual({ status: 'out', ended: true })
  })
})
