import { type Context, Hono } from 'hono'
import { DomainError } from '../errors.ts'
import { readStaticFile } from '../http/static-file.ts'

// The loader's URL never changes, so it may only be cached briefly; chunks have content
// hashes in their names, so they can be cached for good.
const LOADER_CACHE = 'public, max-age=300'
const ASSET_CACHE = 'public, max-age=31536000, immutable'

/** /embed.js and /assets/*: the built widget, loadable from any blog's origin. */
export function widgetFileRoutes(publicDir: string): Hono {
  return new Hono()
    .get('/embed.js', async (c) => {
      const file = await readStaticFile(publicDir, 'embed.js')
      if (!file) {
        throw new DomainError('unavailable', 'The widget is not built yet: run npm run build.')
      }
      return send(c, file.body, file.contentType, LOADER_CACHE)
    })
    .get('/assets/*', async (c) => {
      const file = await readStaticFile(publicDir, rawPath(c).slice('/'.length))
      if (!file) return c.notFound()
      return send(c, file.body, file.contentType, ASSET_CACHE)
    })
}

function send(
  c: Context,
  body: Uint8Array<ArrayBuffer>,
  contentType: string,
  cacheControl: string,
): Response {
  // The loader import()s chunks cross-origin as module scripts: that needs CORS (ACAO), and
  // pages with Cross-Origin-Embedder-Policy also need CORP.
  return c.body(body, 200, {
    'Content-Type': contentType,
    'Cache-Control': cacheControl,
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  })
}

/** The path as sent, still percent-encoded: decoding is the file resolver's job, done once. */
export function rawPath(c: Context): string {
  return new URL(c.req.url).pathname
}
