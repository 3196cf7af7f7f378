import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticFile {
  body: Uint8Array<ArrayBuffer>
  contentType: string
}

/** The content type of a file name; unknown kinds are served as opaque bytes. */
export function contentType(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a URL path below a static root (still percent-encoded, without leading slash) to a file
 * inside `root`, or undefined. Refuses traversal in every spelling: '..' segments (encoded or
 * not), backslashes, NUL, empty segments and hidden files.
 */
export function resolveInside(root: string, encodedPath: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(encodedPath)
  } catch {
    return undefined
  }
  if (path === '' || path.includes('\\') || path.includes('\u0000')) return undefined
  if (path.split('/').some((segment) => segment === '' || segment.startsWith('.'))) return undefined
  const base = resolve(root)
  const file = resolve(base, path)
  return file.startsWith(base + sep) ? file : undefined
}

/** Reads a regular file found by `resolveInside`, following no symlink out of `root`. */
export async function readStaticFile(
  root: string,
  encodedPath: string,
): Promise<StaticFile | undefined> {
  const file = resolveInside(root, encodedPath)
  if (file === undefined) return undefined
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)])
    if (!real.startsWith(realRoot + sep) || !(await stat(real)).isFile()) return undefined
    return { body: await readFile(real), contentType: contentType(real) }
  } catch {
    // Missing, unreadable or vanished between the checks: all simply "not found".
    return undefined
  }
}
