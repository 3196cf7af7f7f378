// What the widget costs a reader, compressed as a server would send it: read by npm run size
// (scripts/size.mjs), which prints it, and by test/size.test.ts, which fails over a budget.
// A reader downloads the loader, the entry chunk and the catalog of their language, then the
// write chunk; the figures are for the language whose reader downloads the most.
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export const KB = 1024
const ENTRY = 'widget/main.tsx'

/**
 * Budgets fail npm run size (and npm test); goals are shown but do not. In KB of gzip -9.
 * The whole widget's design budget is 30 KB; paged threads, votes, sort and comment links took it
 * to 31.5 KB, so this is that measurement plus 3% until reading shrinks (README.md, Size and speed).
 */
export const BUDGETS = { loader: 2, widget: 32.5 }
export const READING_GOAL = 14

/** @typedef {{ gzip: number, brotli: number }} Size */
/**
 * @typedef {{ file: string, name?: string, isEntry?: boolean, imports?: string[],
 *   dynamicImports?: string[] }} Chunk
 */

/** The gzip -9 and brotli 11 sizes of `files` (paths under `publicDir`), summed. */
export function measure(publicDir, files) {
  let gzip = 0
  let brotli = 0
  for (const file of files) {
    const bytes = readFileSync(`${publicDir}/${file}`)
    gzip += gzipSync(bytes, { level: 9 }).length
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length
  }
  return { gzip, brotli }
}

/**
 * Measures the build in `publicDir` (dist/public): the loader, what each language's reader
 * downloads before the thread is shown and in all, and every chunk.
 */
export function measureWidget(publicDir) {
  /** @type {Record<string, Chunk>} */
  const manifest = JSON.parse(readFileSync(`${publicDir}/.vite/manifest.json`, 'utf8'))
  if (!manifest[ENTRY]?.isEntry) throw new Error(`the manifest has no entry ${ENTRY}`)
  // The other entries are the catalogs, one per language, named after it (see scripts/build.mjs).
  const catalogs = Object.keys(manifest).filter((key) => key !== ENTRY && manifest[key]?.isEntry)
  if (catalogs.length === 0) throw new Error('the manifest has no catalog')

  /** The files of `keys` and of what they import statically, and dynamically too when asked. */
  const closure = (keys, dynamic = false) => {
    /** @type {Set<string>} */
    const found = new Set()
    const visit = (/** @type {string} */ key) => {
      const chunk = manifest[key]
      if (!chunk || found.has(chunk.file)) return
      found.add(chunk.file)
      for (const imported of chunk.imports ?? []) visit(imported)
      if (dynamic) for (const imported of chunk.dynamicImports ?? []) visit(imported)
    }
    for (const key of keys) visit(key)
    return found
  }

  /** The loader downloads the entry and the reader's catalog in parallel, then the thread shows. */
  const readers = catalogs.map((key) => ({
    lang: manifest[key]?.name ?? key,
    read: measure(publicDir, closure([ENTRY, key])),
    whole: measure(publicDir, closure([ENTRY, key], true)),
  }))
  /** The reader who downloads the most, by gzip size of `what`. */
  const heaviest = (/** @type {'read' | 'whole'} */ what) =>
    readers.reduce((a, b) => (b[what].gzip > a[what].gzip ? b : a))

  const catalogFiles = new Map(catalogs.map((key) => [manifest[key]?.file, manifest[key]?.name]))
  const readFiles = closure([ENTRY])
  const allFiles = [...new Set(Object.values(manifest).map((chunk) => chunk.file))].sort()
  return {
    loader: measure(publicDir, ['embed.js']),
    readers,
    readMost: heaviest('read'),
    wholeMost: heaviest('whole'),
    all: { ...measure(publicDir, allFiles), count: allFiles.length },
    chunks: allFiles.map((file) => {
      const lang = catalogFiles.get(file)
      const when = lang
        ? `before the thread, ${lang} readers`
        : readFiles.has(file)
          ? 'before the thread'
          : 'after (writing)'
      return { file, when, ...measure(publicDir, [file]) }
    }),
  }
}
