import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('GET /healthz', () => {
  it('answers 200 ok while the store answers', async () => {
    const response = await createTestApp().app.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 503 unavailable when the store does not', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { app, store } = createTestApp()
    await store.close()
    const response = await app.request('/healthz')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } })
    expect(log).toHaveBeenCalledTimes(1)
  })
})
