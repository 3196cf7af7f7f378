import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'
import type { ErrorBody } from '../contract.ts'
import { LIMITS } from '../contract.ts'

const query = (keys: string[]) =>
  `/api/counts?${keys.map((k) => `uri=${encodeURIComponent(k)}`).join('&')}`

describe('GET /api/counts', () => {
  it('counts published comments per key, keyed as the client wrote each key', async () => {
    const { app, send } = createTestApp()
    for (const uri of ['/a', '/a/', '/b']) await send('POST', '/api/comments', { uri, text: uri })
    const keys = ['/a', 'https://blog.example/a/?utm=1', '/b', '/none', '/__proto__']
    const response = await app.request(query(keys))
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.json()).toEqual({
      counts: { '/a': 2, 'https://blog.example/a/?utm=1': 2, '/b': 1, '/none': 0, '/__proto__': 0 },
    })
  })

  it('answers an empty object for no keys', async () => {
    const response = await createTestApp().app.request('/api/counts')
    expect(await response.json()).toEqual({ counts: {} })
  })

  it('refuses an invalid key and more than the limit of keys with 422 on uri', async () => {
    const { app } = createTestApp()
    const invalid = await app.request(query(['/a', 'javascript:alert(1)']))
    const tooMany = await app.request(
      query(Array.from({ length: LIMITS.countsMax + 1 }, (_, i) => `/${i}`)),
    )
    for (const response of [invalid, tooMany]) {
      expect(response.status).toBe(422)
      expect(((await response.json()) as ErrorBody).error).toMatchObject({
        code: 'invalid_input',
        field: 'uri',
      })
    }
    const atLimit = await app.request(
      query(Array.from({ length: LIMITS.countsMax }, (_, i) => `/${i}`)),
    )
    expect(atLimit.status).toBe(200)
  })

  it('does not count deleted, so it matches the thread total', async () => {
    const { app, send } = createTestApp()
    const created = (await (
      await send('POST', '/api/comments', { uri: '/a', text: 'x' })
    ).json()) as {
      comment: { id: number }
      token: string
    }
    await app.request(`/api/comments/${created.comment.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created.token}` },
    })
    expect(await (await app.request(query(['/a']))).json()).toEqual({ counts: { '/a': 0 } })
  })
})
