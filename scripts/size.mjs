// npm run size: what the widget costs a reader (scripts/widget-size.mjs measures it), next to the
// budgets and peers' baselines of README.md, Size and speed. Builds first when dist/ is missing.
// Exits 1 over a budget, as test/size.test.ts fails `npm test`.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { BUDGETS, KB, measureWidget, READING_GOAL } from './widget-size.mjs'

const PUBLIC = 'dist/public'

const BASELINES = [
  ['preact + hooks', 5.8],
  ['nanostores', 1.2],
  ['ky 1.14', 5.4],
  ['DOMPurify', 12.3],
  ['Isso (whole embed)', 22.3],
  ['Commento (whole embed)', 14.2],
  ['Cusdis (whole embed)', 10.4],
]

if (!existsSync(`${PUBLIC}/.vite/manifest.json`) || !existsSync(`${PUBLIC}/embed.js`)) {
  console.log('dist/ is missing: building first.\n')
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const { loader, readers, readMost, wholeMost, all, chunks } = measureWidget(PUBLIC)

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const perLang = (what) => readers.map((reader) => `${reader.lang} ${kb(reader[what].gzip)}`)
/** [label, sizes, limit, kind]: a budget fails the run, a goal is shown, info has no limit. */
const rows = [
  ['loader (embed.js)', loader, BUDGETS.loader, 'budget'],
  [`before the thread is shown (${readMost.lang})`, readMost.read, READING_GOAL, 'goal'],
  [`whole widget, one reader (${wholeMost.lang})`, wholeMost.whole, BUDGETS.widget, 'budget'],
  [
    'the same, loader included',
    { gzip: loader.gzip + wholeMost.whole.gzip, brotli: loader.brotli + wholeMost.whole.brotli },
  ],
  [`all chunks, every language (${all.count} files)`, all],
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

console.log('\nChunks')
for (const { file, gzip, brotli, when } of chunks) {
  console.log(`  ${file.padEnd(40)}${kb(gzip).padStart(10)}${kb(brotli).padStart(10)}   ${when}`)
}

console.log('\nBaselines (gzip -9, measured alone)')
for (const [name, size] of BASELINES)
  console.log(`  ${name.padEnd(40)}${`${size} KB`.padStart(10)}`)

if (failed) {
  console.error(
    '\nA budget is exceeded; raising one needs a reason in the commit message (docs/architecture.md).',
  )
  process.exit(1)
}
