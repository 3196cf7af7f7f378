import { type Context, Hono } from 'hono'
import { readStaticFile } from '../http/static-file.ts'
import { rawPath } from './widget-files.ts'

/**
 * The demo page runs our own widget only. 'unsafe-inline' styles: the page's own stylesheet is
 * inline (the widget's is a constructed stylesheet, which CSP does not govern).
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** `/` serves demoDir/index.html and `/demo/*` the files beside it. */
export function demoPageRoutes(demoDir: string): Hono {
  return new Hono()
    .get('/', (c) => serve(c, 'index.html'))
    .get('/demo/*', (c) => serve(c, rawPath(c).slice('/demo/'.length)))

  async function serve(c: Context, path: string): Promise<Response> {
    const file = await readStaticFile(demoDir, path)
    if (!file) return c.notFound()
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': DEMO_CSP,
    })
  }
}
