import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BlogServer {
  /** e.g. http://127.0.0.1:40123: a second origin, distinct from Causerie's. */
  origin: string
  /** Serves `html` at `path` from now on, with `headers` besides its Content-Type. */
  page(path: string, html: string, headers?: Record<string, string>): void
  close(): Promise<void>
}

/**
 * A tiny blog on its own ephemeral port: the "other site" that embeds Causerie. It serves only
 * the pages a test gives it and answers everything else 404.
 */
export async function startBlog(): Promise<BlogServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://blog').pathname
    const page = pages.get(path)
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers })
      .end(page.html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    page: (path, html, headers = {}) => pages.set(path, { html, headers }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
