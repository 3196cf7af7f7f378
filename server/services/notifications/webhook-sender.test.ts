import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createWebhookSender, SIGNATURE_HEADER } from './webhook-sender.ts'

let server: Server | undefined
afterEach(() => {
  server?.close()
})

interface Received {
  method: string
  headers: IncomingMessage['headers']
  body: string
  url: string
}

/** A receiver on loopback that answers `status` and records what it got. */
async function receiver(status: number, headers: Record<string, string> = {}) {
  const received: Received[] = []
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body, url: req.url ?? '' })
      res.writeHead(status, headers).end()
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, received }
}

describe('createWebhookSender', () => {
  it('POSTs the JSON body with an HMAC-SHA256 signature of its exact bytes', async () => {
    const { url, received } = await receiver(204)
    const send = createWebhookSender(url, async () => 'top secret')
    const body = JSON.stringify({ text: 'Zoë said hi' })
    await send(body)
    expect(received).toHaveLength(1)
    expect(received[0]?.method).toBe('POST')
    expect(received[0]?.body).toBe(body)
    expect(received[0]?.headers['content-type']).toBe('application/json')
    const expected = createHmac('sha256', 'top secret').update(body).digest('hex')
    expect(received[0]?.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${expected}`)
  })

  it('rejects when the receiver does not answer 2xx, and never follows a redirect', async () => {
    const failing = await receiver(500)
    await expect(createWebhookSender(failing.url, async () => 'k')('{}')).rejects.toThrow(/500/)
    server?.close()
    const redirecting = await receiver(302, { location: 'http://169.254.169.254/latest' })
    await expect(createWebhookSender(redirecting.url, async () => 'k')('{}')).rejects.toThrow()
    expect(redirecting.received.map((request) => request.url)).toEqual(['/hook'])
  })
})
