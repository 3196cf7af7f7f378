import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'
import { ADMIN_CSP } from './admin-page.ts'

let publicDir: string

beforeAll(async () => {
  publicDir = await mkdtemp(join(tmpdir(), 'causerie-admin-'))
  await mkdir(join(publicDir, 'admin/assets'), { recursive: true })
  await writeFile(join(publicDir, 'admin/index.html'), '<!doctype html><title>Admin</title>')
  await writeFile(join(publicDir, 'admin/assets/index-abc.js'), 'export {}')
})

afterAll(async () => {
  await rm(publicDir, { recursive: true, force: true })
})

describe('admin page', () => {
  it('serves the panel at /admin and /admin/ with a strict CSP that forbids framing', async () => {
    const { app } = createTestApp({ publicDir })
    for (const path of ['/admin', '/admin/']) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(ADMIN_CSP)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<title>Admin</title>')
    }
    expect(ADMIN_CSP).toContain("script-src 'self';")
    expect(ADMIN_CSP).toContain("style-src 'self';")
    expect(ADMIN_CSP).toContain("frame-ancestors 'none'")
    expect(ADMIN_CSP).not.toContain('unsafe')
  })

  it('serves its hashed assets without CORS, and nothing outside them', async () => {
    const { app } = createTestApp({ publicDir })
    const asset = await app.request('/admin/assets/index-abc.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('access-control-allow-origin')).toBeNull()
    expect((await app.request('/admin/assets/..%2findex.html')).status).toBe(404)
    expect((await app.request('/admin/assets/missing.js')).status).toBe(404)
  })

  it('answers 503 until the panel is built', async () => {
    const response = await createTestApp().app.request('/admin')
    expect(response.status).toBe(503)
  })
})
