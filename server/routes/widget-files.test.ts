import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'

let dir: string
let publicDir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causerie-widget-'))
  publicDir = join(dir, 'public')
  await mkdir(join(publicDir, 'assets'), { recursive: true })
  await writeFile(join(publicDir, 'embed.js'), 'console.log("loader")')
  await writeFile(join(publicDir, 'assets', 'thread-abc123.js'), 'export {}')
  await writeFile(join(publicDir, 'assets', 'thread-abc123.css'), ':host{}')
  await writeFile(join(publicDir, 'assets', 'font.woff2'), 'wOF2')
  await writeFile(join(dir, 'secret.txt'), 'secret')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('widget files', () => {
  it('serves the loader with a short cache and CORS', async () => {
    const response = await createTestApp({ publicDir }).app.request('/embed.js')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('console.log("loader")')
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    })
  })

  it.each([
    ['/assets/thread-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/thread-abc123.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s, cached for good, with CORS', async (path, type) => {
    const response = await createTestApp({ publicDir }).app.request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers HEAD without a body', async () => {
    const response = await createTestApp({ publicDir }).app.request('/embed.js', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('answers 503 with a hint when the widget is not built', async () => {
    const response = await createTestApp({ publicDir: join(dir, 'missing') }).app.request(
      '/embed.js',
    )
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: expect.stringContaining('npm run build') },
    })
  })

  it.each([
    '/assets/missing.js',
    '/assets/',
    '/assets/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/%2fetc%2fpasswd',
    '/assets/thread-abc123.js%00.png',
    '/assets/.%2e/.%2e/secret.txt',
    '/assets/%E0%A4%A',
  ])('answers a plain 404 to %s', async (path) => {
    const response = await createTestApp({ publicDir }).app.request(path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  })

  it('never leaves the assets directory through raw dot segments', async () => {
    const { app } = createTestApp({ publicDir })
    // The URL parser resolves raw dots before routing: this is /embed.js, which is public anyway.
    const response = await app.request(new Request('http://localhost/assets/../embed.js'))
    expect(await response.text()).toBe('console.log("loader")')
    const escaped = await app.request(new Request('http://localhost/assets/../../secret.txt'))
    expect(escaped.status).toBe(404)
  })
})
