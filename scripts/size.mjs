// npm run size: what the widget costs a reader, compressed as a server would send it, next to the
// budgets and baselines of README.md (Size and speed). A reader downloads the loader, the entry
// chunk and the catalog of their language, then the write chunk(s); the figures are for the
// language whose reader downloads the most. Builds first when dist/ is missing. Exits 1 over a
// budget.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const PUBLIC = 'dist/public'
const MANIFEST = `${PUBLIC}/.vite/manifest.json`
const ENTRY = 'widget/main.tsx'
const KB = 1024

/** Budgets fail the run; goals are shown but do not. In KB of gzip -9. */
const LOADER_BUDGET = 2
const WIDGET_BUDGET = 30
const READING_GOAL = 14

const BASELINES = [
  ['preact + hooks', 5.8],
  ['nanostores', 1.2],
  ['ky 1.14', 5.4],
  ['DOMPurify', 12.3],
  ['Isso (whole embed)', 22.3],
  ['Commento (whole embed)', 14.2],
  ['Cusdis (whole embed)', 10.4],
]

if (!existsSync(MANIFEST) || !existsSync(`${PUBLIC}/embed.js`)) {
  console.log('dist/ is missing: building first.\n')
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

/**
 * @typedef {{ file: string, name?: string, isEntry?: boolean, imports?: string[],
 *   dynamicImports?: string[] }} Chunk
 * @type {Record<string, Chunk>}
 */
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'))
if (!manifest[ENTRY]?.isEntry) throw new Error(`${MANIFEST} has no entry ${ENTRY}`)
// The other entries are the catalogs, one per language, named after it (see scripts/build.mjs).
const catalogs = Object.keys(manifest).filter((key) => key !== ENTRY && manifest[key]?.isEntry)
if (catalogs.length === 0) throw new Error(`${MANIFEST} has no catalog`)

/** The files of `keys` and of what they import statically, and dynamically too when asked. */
function closure(keys, dynamic = false) {
  const found = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk || found.has(chunk.file)) return
    found.add(chunk.file)
    for (const imported of chunk.imports ?? []) visit(imported)
    if (dynamic) for (const imported of chunk.dynamicImports ?? []) visit(imported)
  }
  for (const key of keys) visit(key)
  return found
}

function measure(files) {
  let gzip = 0
  let brotli = 0
  for (const file of files) {
    const bytes = readFileSync(`${PUBLIC}/${file}`)
    gzip += gzipSync(bytes, { level: 9 }).length
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length
  }
  return { gzip, brotli, count: files.size ?? files.length }
}

/** The loader downloads the entry and the reader's catalog in parallel, then the thread shows. */
const readers = catalogs.map((key) => {
  const lang = manifest[key]?.name ?? key
  const read = closure([ENTRY, key])
  const whole = closure([ENTRY, key], true)
  return { lang, read: measure(read), whole: measure(whole), readFiles: read }
})
/** The reader who downloads the most, by gzip size of `what`. */
const heaviest = (what) => readers.reduce((a, b) => (b[what].gzip > a[what].gzip ? b : a))

const allChunks = new Set(Object.values(manifest).map((chunk) => chunk.file))
const loader = measure(['embed.js'])
const readMost = heaviest('read')
const wholeMost = heaviest('whole')

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const files = (count) => `${count} ${count === 1 ? 'file' : 'files'}`
const perLang = (what) => readers.map((reader) => `${reader.lang} ${kb(reader[what].gzip)}`)
/** [label, sizes, limit, kind]: a budget fails the run, a goal is shown, info has no limit. */
const rows = [
  ['loader (embed.js)', loader, LOADER_BUDGET, 'budget'],
  [`before the thread is shown (${readMost.lang})`, readMost.read, READING_GOAL, 'goal'],
  [`whole widget, one reader (${wholeMost.lang})`, wholeMost.whole, WIDGET_BUDGET, 'budget'],
  [
    'the same, loader included',
    { gzip: loader.gzip + wholeMost.whole.gzip, brotli: loader.brotli + wholeMost.whole.brotli },
  ],
  [`all chunks, every language (${files(allChunks.size)})`, measure(allChunks)],
]

let failed = false
console.log(`Widget size, gzip -9 and brotli 11 (1 KB = ${KB} bytes)\n`)
console.log(`${'what'.padEnd(42)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}   limit`)
for (const [label, { gzip, brotli }, limit, kind] of rows) {
  let verdict = 'for information'
  if (limit !== undefined) {
    const over = gzip > limit * KB
    if (over && kind === 'budget') failed = true
    verdict = `${kind} < ${limit} KB: ${over ? (kind === 'budget' ? 'OVER BUDGET' : 'over the goal') : 'ok'}`
  }
  console.log(`${label.padEnd(42)}${kb(gzip).padStart(10)}${kb(brotli).padStart(10)}   ${verdict}`)
}
console.log(`\nPer language, before the thread: ${perLang('read').join(', ')}`)
console.log(`Per language, whole widget:      ${perLang('whole').join(', ')}`)

const catalogFiles = new Map(catalogs.map((key) => [manifest[key]?.file, manifest[key]?.name]))
const readFiles = closure([ENTRY])
console.log('\nChunks')
for (const file of [...allChunks].sort()) {
  const { gzip, brotli } = measure([file])
  const lang = catalogFiles.get(file)
  const when = lang
    ? `before the thread, ${lang} readers`
    : readFiles.has(file)
      ? 'before the thread'
      : 'after (writing)'
  console.log(`  ${file.padEnd(40)}${kb(gzip).padStart(10)}${kb(brotli).padStart(10)}   ${when}`)
}

console.log('\nBaselines (gzip -9, measured alone)')
for (const [name, size] of BASELINES)
  console.log(`  ${name.padEnd(40)}${`${size} KB`.padStart(10)}`)

if (failed) {
  console.error(
    '\nA budget is exceeded; raising one needs a reason in the commit message (STYLE.md).',
  )
  process.exit(1)
}
