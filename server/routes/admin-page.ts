import { type Context, Hono } from 'hono'
import { DomainError } from '../errors.ts'
import { readStaticFile } from '../http/static-file.ts'
import { rawPath } from './widget-files.ts'

/**
 * The owner's session is the most valuable target there is: the panel runs only its own
 * script and stylesheet, loads nothing else, and may not be framed (clickjacking on Approve).
 * No 'unsafe-inline' anywhere: the build puts the panel's CSS in a file.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

/** Hashed names: cacheable for good, like the widget's chunks. */
const ASSET_CACHE = 'public, max-age=31536000, immutable'

/** /admin: the moderation panel's page, and /admin/assets/*: its script and stylesheet. */
export function adminPageRoutes(publicDir: string): Hono {
  const adminDir = `${publicDir}/admin`
  const page = async (c: Context) => {
    const file = await readStaticFile(adminDir, 'index.html')
    if (!file) {
      throw new DomainError('unavailable', 'The admin panel is not built yet: run npm run build.')
    }
    // no-cache: the page names the hashed assets, so a new build must be seen at once.
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': ADMIN_CSP,
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
    })
  }
  return new Hono()
    .get('/admin', page)
    .get('/admin/', page)
    .get('/admin/assets/*', async (c) => {
      const file = await readStaticFile(adminDir, rawPath(c).slice('/admin/'.length))
      if (!file) return c.notFound()
      return c.body(file.body, 200, {
        'Content-Type': file.contentType,
        'Cache-Control': ASSET_CACHE,
      })
    })
}
