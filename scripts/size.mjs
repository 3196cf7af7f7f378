// npm run size: what the widget costs a reader, compressed as a server would send it, next to the
// budgets and baselines of DESIGN.md. Builds first when dist/ is missing. Exits 1 over a budget.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const PUBLIC = 'dist/public'
const MANIFEST = `${PUBLIC}/.vite/manifest.json`
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

/** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[] }>} */
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'))
const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
if (!entryKey) throw new Error(`${MANIFEST} has no entry`)

// Everything the browser fetches before the widget can paint: the entry and its static imports.
const readPath = new Set()
const visit = (key) => {
  const chunk = manifest[key]
  if (!chunk || readPath.has(chunk.file)) return
  readPath.add(chunk.file)
  for (const imported of chunk.imports ?? []) visit(imported)
}
visit(entryKey)
const allChunks = new Set(Object.values(manifest).map((chunk) => chunk.file))

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
  return { gzip, brotli }
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const rows = [
  ['loader (embed.js)', ['embed.js'], LOADER_BUDGET, 'budget'],
  [`before the thread is shown (${readPath.size} files)`, [...readPath], READING_GOAL, 'goal'],
  [`whole widget (all ${allChunks.size} chunks)`, [...allChunks], WIDGET_BUDGET, 'budget'],
]

let failed = false
console.log(`Widget size, gzip -9 and brotli 11 (1 KB = ${KB} bytes)\n`)
console.log(`${'what'.padEnd(42)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}   limit`)
for (const [label, files, limit, kind] of rows) {
  const { gzip, brotli } = measure(files)
  const over = gzip > limit * KB
  if (over && kind === 'budget') failed = true
  const verdict = over ? (kind === 'budget' ? 'OVER BUDGET' : 'over the goal') : 'ok'
  console.log(
    `${label.padEnd(42)}${kb(gzip).padStart(10)}${kb(brotli).padStart(10)}   ${kind} < ${limit} KB: ${verdict}`,
  )
}

console.log('\nChunks')
for (const file of [...allChunks].sort()) {
  const { gzip, brotli } = measure([file])
  const when = readPath.has(file) ? 'before the thread' : 'after (writing)'
  console.log(`  ${file.padEnd(40)}${kb(gzip).padStart(10)}${kb(brotli).padStart(10)}   ${when}`)
}

console.log('\nBaselines from DESIGN.md (gzip -9, measured alone)')
for (const [name, size] of BASELINES)
  console.log(`  ${name.padEnd(40)}${`${size} KB`.padStart(10)}`)

if (failed) {
  console.error(
    '\nA budget is exceeded; raising one needs a reason in the commit message (STYLE.md).',
  )
  process.exit(1)
}
