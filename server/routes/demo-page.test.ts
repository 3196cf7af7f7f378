import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'
import { DEMO_CSP } from './demo-page.ts'

let demoDir: string

beforeAll(async () => {
  demoDir = await mkdtemp(join(tmpdir(), 'causerie-demo-'))
  await writeFile(join(demoDir, 'index.html'), '<!doctype html><title>Demo</title>')
  await writeFile(join(demoDir, 'style.css'), 'body{}')
})

afterAll(async () => {
  await rm(demoDir, { recursive: true, force: true })
})

describe('demo page', () => {
  it('serves index.html at / with a strict CSP', async () => {
    const response = await createTestApp({ demoDir, env: { CAUSERIE_DEMO: 'on' } }).app.request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(DEMO_CSP)
    expect(DEMO_CSP).toContain("script-src 'self';")
    expect(DEMO_CSP).toContain("frame-ancestors 'none'")
    expect(await response.text()).toContain('<title>Demo</title>')
  })

  it('serves the files beside it under /demo/', async () => {
    const { app } = createTestApp({ demoDir, env: { CAUSERIE_DEMO: 'on' } })
    const response = await app.request('/demo/style.css')
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await app.request('/demo/..%2fpackage.json')).status).toBe(404)
  })

  it('is absent when the demo is off', async () => {
    const { app } = createTestApp({ demoDir, env: { CAUSERIE_DEMO: 'off' } })
    const response = await app.request('/')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBeNull()
  })

  it('puts no CSP on API answers', async () => {
    const { app } = createTestApp({ demoDir, env: { CAUSERIE_DEMO: 'on' } })
    const response = await app.request('/api/comments?uri=/')
    expect(response.headers.get('content-security-policy')).toBeNull()
  })
})
