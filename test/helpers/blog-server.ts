import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BlogServer {
  /** e.g. http://127.0.0.1:40123: a second origin, distinct from Causerie's. */
  origin: string
  /** Serves `html` at `path` from now on. */
  page(path: string, html: string): void
  close(): Promise<void>
}

/**
 * A tiny blog on its own ephemeral port: the "other site" that embeds Causerie. It serves only
 * the pages a test gives it and answers everything else 404.
 */
export async function startBlog(): Promise<BlogServer> {
  const pages = new Map<string, string>()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://blog').pathname
    const html = pages.get(path)
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    page: (path, html) => pages.set(path, html),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
