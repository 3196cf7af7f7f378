import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedResponse } from '../server/contract.ts'
import { adminApi } from './support/admin.ts'
import { apiClient, expectStatus } from './support/api.ts'
import { startServer, type TestServer } from './support/server.ts'

// SECURITY.md, SSRF: nothing a reader sends can make the server connect anywhere. A canary listens
// on loopback and records every connection; every field and header that could hold a URL points
// at it, in every spelling of loopback; it must stay silent.

interface Listener {
  port: number
  /** Every connection accepted so far, by the client's port. */
  connections: number[]
  close(): Promise<void>
}

/** A bare TCP listener that records and then closes every connection. */
async function startCanary(): Promise<Listener> {
  const connections: number[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    connections.push(socket.remotePort ?? -1)
    sockets.add(socket)
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A webhook receiver on loopback that answers 204 and records every request's path. */
async function startWebhook(): Promise<Listener & { requests: string[] }> {
  const connections: number[] = []
  const requests: string[] = []
  const server: HttpServer = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    req.resume()
    req.on('end', () => res.writeHead(204).end())
  })
  server.on('connection', (socket: Socket) => connections.push(socket.remotePort ?? -1))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Opens one TCP connection to `port` and waits until the listener closes it. */
function probe(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.on('error', reject)
    socket.on('close', () => resolve())
    socket.resume()
  })
}

/** Waits `ms` for anything asynchronous the server might do; not a timing assertion. */
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Every spelling of the canary a reader could send. */
function spellings(port: number): string[] {
  return [
    `http://127.0.0.1:${port}`,
    `http://localhost:${port}`,
    `http://[::1]:${port}`,
    `//127.0.0.1:${port}`,
    `https://127.0.0.1:${port}`,
    `http://0x7f000001:${port}`,
  ]
}

/** Feeds the server everything that could name the canary, through every public call. */
async function attack(server: TestServer, port: number): Promise<void> {
  const api = apiClient(() => server.url)
  const admin = adminApi(() => server.url)
  const uri = `http://127.0.0.1:${port}/x`
  for (const base of spellings(port)) {
    const url = `${base}/canary`
    // At most three links each: the server refuses more (too_many_links).
    const texts = [
      `A [link](${url}) and an autolink <${url}/auto>`,
      `![image](${url}/image.png "title") and a bare ${url}/bare`,
      `[ref][1] and ![ref image][2]\n\n[1]: ${url}/ref\n[2]: ${url}/ref.png`,
    ]
    const website = base.startsWith('//') ? `http:${url}` : url
    const headers = {
      host: `127.0.0.1:${port}`,
      origin: base.startsWith('//') ? `http:${base}` : base,
      referer: `${url}/referer`,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': `127.0.0.1:${port}`,
      'x-forwarded-proto': 'http',
      forwarded: `for=127.0.0.1;host=127.0.0.1:${port};proto=http`,
    }
    for (const text of texts) {
      const fields = { uri, text, website, title: `Title ${url}` }
      const res = await api.post(
        { ...fields, name: `Canary ${url}`, email: 'reader@localhost' },
        headers,
      )
      // Whatever the answer (a foreign Origin is refused), the server connects nowhere.
      expect(res.status, res.text).toBeLessThan(500)
      // The same without the hostile headers, so that it is stored, listed and edited.
      const created = await api.post({ ...fields, name: 'Canary', email: 'reader@127.0.0.1' })
      expectStatus(created, 201)
      const { comment, token } = created.json as CreatedResponse
      const patched = await api.patch(comment.id, `${text}\n\nedited`, token, headers)
      expect(patched.status, patched.text).toBeLessThan(500)
      expectStatus(await api.patch(comment.id, `edited <${url}/again>`, token), 200)
      expect((await api.preview(text)).length).toBeGreaterThan(0)
    }
    expectStatus(await api.getCounts([uri, `${url}/count`]), 200)
    expectStatus(await api.get(`/api/comments?uri=${encodeURIComponent(uri)}`, headers), 200)
  }
  expectStatus(await api.get('/'), 200)
  expectStatus(await api.get('/embed.js', { referer: `http://127.0.0.1:${port}/blog` }), 200)
  expectStatus(await admin.login(), 204)
  expectStatus(await admin.call('GET', '/api/admin/comments'), 200)
  expectStatus(await admin.call('GET', '/api/admin/comments?status=pending'), 200)
  expectStatus(await admin.call('GET', `/api/admin/comments?uri=${encodeURIComponent(uri)}`), 200)
  expectStatus(await admin.call('GET', '/admin'), 200)
}

let canary: Listener | undefined
let webhook: (Listener & { requests: string[] }) | undefined
let server: TestServer | undefined

afterEach(async () => {
  await server?.dispose()
  await canary?.close()
  await webhook?.close()
  server = canary = webhook = undefined
})

describe('no server-side request forgery', () => {
  it('connects nowhere, whatever URL or header a reader sends', async () => {
    canary = await startCanary()
    // The canary hears a connection (that is what it is for); then it starts from nothing.
    await probe(canary.port)
    expect(canary.connections).toHaveLength(1)
    canary.connections.length = 0
    // No SMTP_URL, no webhook: nothing configured to connect to. The demo is on, as by default.
    server = await startServer()
    await attack(server, canary.port)
    await settle(2_000)
    expect(canary.connections).toEqual([])
    expect(server.isAlive()).toBe(true)
  })

  it('with a webhook configured, connects only to the webhook', async () => {
    canary = await startCanary()
    webhook = await startWebhook()
    server = await startServer({
      env: { CAUSERIE_WEBHOOK_URL: `http://127.0.0.1:${webhook.port}/hook` },
    })
    await attack(server, canary.port)
    // The outbox works in the background: wait for its calls, then a little more.
    const deadline = Date.now() + 10_000
    while (webhook.requests.length === 0 && Date.now() < deadline) await settle(100)
    await settle(2_000)
    expect(webhook.requests.length).toBeGreaterThan(0)
    expect(new Set(webhook.requests)).toEqual(new Set(['POST /hook']))
    expect(canary.connections).toEqual([])
  })
})
