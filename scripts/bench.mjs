// npm run bench: the server and browser figures of README.md's budgets, next to their baselines.
// Prints a table and asserts nothing: figures vary with the machine, tests never time anything.
//
//   GET /api/comments for a 100-comment thread, 5 s, 50 keep-alive connections:
//     requests/s and p50/p99 latency, against a bare node:http server sending the same bytes
//   the server's resident memory after that run, and its cold start (median of 5)
//   50 readers and 5 writers for 30 s (every fourth comment edited): requests/s, p50/p99 of each
//     kind; test/load.test.ts asserts the same mix has no error, the figures are only here
//   script time to render a 1,000-comment thread in Chromium
//
// Needs `npm run build` first (it runs dist/server/main.js, as a user does).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SERVER_ENTRY = 'dist/server/main.js'
const CONNECTIONS = 50
const DURATION_MS = 5_000
const COLD_STARTS = 5
const MIXED_READERS = 50
const MIXED_WRITERS = 5
const MIXED_MS = 30_000
const READY_LINE = /^Causerie listening on (http:\/\/\S+?)\/?\r?\n/m
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (!existsSync(SERVER_ENTRY)) {
  console.error(`${SERVER_ENTRY} is missing: run \`npm run build\` first.`)
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'causerie-bench-'))
const children = new Set()
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

/** Spawns a process and resolves with its URL once it prints the ready line. */
function startProcess(args, env = {}) {
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk
      const match = READY_LINE.exec(stdout)
      if (match) {
        const readyMs = Number(process.hrtime.bigint() - started) / 1e6
        resolve({ child, url: match[1], readyMs })
      }
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${stderr}`)))
  })
}

function startCauserie(dbFile) {
  return startProcess([SERVER_ENTRY], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(work, dbFile)}`,
    CAUSERIE_RATE_LIMIT: '0',
    CAUSERIE_DEMO: 'off',
    CAUSERIE_ADMIN_PASSWORD: 'bench-admin-password-0123456789',
  })
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

function call(url, { method = 'GET', body, agent, headers: extra = {} } = {}) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? extra : { 'content-type': 'application/json', ...extra }
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

/** Posts `count` comments (every third a reply to the one before) and answers the thread's URL. */
async function seed(origin, uri, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  let previous = null
  for (let i = 1; i <= count; i++) {
    const text = `Commentaire de banc d’essai numéro ${i} : *un peu* de **Markdown**, [un lien](https://example.com/${i}) et assez de texte pour ressembler à un vrai commentaire de lecteur.`
    const body = { uri, text, name: `Lecteur ${i}`, website: `https://reader${i}.example/` }
    if (i % 3 === 0 && previous !== null) body.parentId = previous
    const res = await call(`${origin}/api/comments`, { method: 'POST', body, agent })
    if (res.status !== 201) throw new Error(`seeding: ${res.status} ${res.body}`)
    previous = JSON.parse(res.body.toString()).comment.id
  }
  agent.destroy()
  return `${origin}/api/comments?uri=${encodeURIComponent(uri)}`
}

/** Like autocannon: `connections` loops on keep-alive sockets for `durationMs`. */
async function load(url, connections, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  let bytes = 0
  const started = performance.now()
  const deadline = started + durationMs
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now()
      try {
        const res = await call(url, { agent })
        if (res.status !== 200) errors++
        bytes += res.body.length
        latencies.push(performance.now() - t0)
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, loop))
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, bytes }
}

/** Latencies' p50 and p99 in ms. */
function quantiles(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { count: sorted.length, p50: at(0.5), p99: at(0.99) }
}

/** Readers GET `threadUrl` while writers post comments and edit every fourth, for `durationMs`. */
async function mixed(origin, threadUrl, readers, writers, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: readers + writers })
  const times = { reads: [], writes: [], edits: [] }
  let errors = 0
  const deadline = performance.now() + durationMs
  const timed = async (kind, url, options, expected) => {
    const t0 = performance.now()
    const res = await call(url, { ...options, agent }).catch(() => ({ status: 0 }))
    if (res.status === expected) times[kind].push(performance.now() - t0)
    else errors++
    return res
  }
  const reader = async () => {
    while (performance.now() < deadline) await timed('reads', threadUrl, {}, 200)
  }
  const writer = async (w) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const body = { uri: `/bench/written-${w}`, text: `Bench comment ${n} from writer ${w}.` }
      const res = await timed('writes', `${origin}/api/comments`, { method: 'POST', body }, 201)
      if (res.status !== 201 || n % 4 !== 0) continue
      const { comment, token } = JSON.parse(res.body.toString())
      const edit = {
        method: 'PATCH',
        body: { text: `Bench comment ${n}, edited.` },
        headers: { authorization: `Bearer ${token}` },
      }
      await timed('edits', `${origin}/api/comments/${comment.id}`, edit, 200)
    }
  }
  const started = performance.now()
  await Promise.all([
    ...Array.from({ length: readers }, reader),
    ...Array.from({ length: writers }, (_, w) => writer(w)),
  ])
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  const total = times.reads.length + times.writes.length + times.edits.length
  return {
    rps: total / elapsed,
    errors,
    reads: quantiles(times.reads),
    writes: quantiles(times.writes),
    edits: quantiles(times.edits),
  }
}

/** A bare node:http server answering `body` with the same headers, in its own process. */
function startBaseline(body, contentType) {
  const file = join(work, 'baseline-body')
  writeFileSync(file, body)
  const code = `
    const { createServer } = require('node:http')
    const body = require('node:fs').readFileSync(${JSON.stringify(file)})
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': ${JSON.stringify(contentType)}, 'content-length': body.length })
      res.end(body)
    })
    server.listen(0, '127.0.0.1', () => {
      console.log('Causerie listening on http://127.0.0.1:' + server.address().port)
    })`
  return startProcess(['-e', code])
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1])
  return kb / 1024
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Script time (CDP ScriptDuration) for the widget to render a `count`-comment thread. */
async function browserFigure(origin, uri, count) {
  let chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    return { note: 'playwright-core is not installed' }
  }
  if (!existsSync(CHROMIUM)) return { note: `no Chromium at ${CHROMIUM}` }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
  try {
    const page = await browser.newPage()
    const pageUrl = `${origin}/bench-page`
    await page.route(pageUrl, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Bench</title></head>
<body><div id="causerie"></div>
<script async src="${origin}/embed.js" data-uri="${uri}"></script></body></html>`,
      }),
    )
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(pageUrl)
    const last = `numéro ${count} :`
    // Rendered when the last comment's text is in the shadow root (or, if the widget pages big
    // threads, when the network has settled: the figure then covers what it shows).
    await Promise.race([
      page.waitForFunction(
        (needle) => document.querySelector('#causerie')?.shadowRoot?.textContent?.includes(needle),
        last,
        { timeout: 60_000 },
      ),
      page
        .waitForLoadState('networkidle')
        .then(() =>
          page.waitForFunction(
            () => (document.querySelector('#causerie')?.shadowRoot?.textContent?.length ?? 0) > 0,
          ),
        ),
    ])
    const rendered = await page.evaluate(() => {
      const text = document.querySelector('#causerie')?.shadowRoot?.textContent ?? ''
      return (text.match(/numéro \d+ :/g) ?? []).length
    })
    const { metrics } = await cdp.send('Performance.getMetrics')
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN
    return {
      scriptMs: metric('ScriptDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      rendered,
    }
  } finally {
    await browser.close()
  }
}

const rows = []
const row = (figure, value, reference) => rows.push([figure, value, reference])
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')

try {
  // Cold start first, on fresh databases, before anything warms the disk cache further.
  const starts = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const { child, readyMs } = await startCauserie(`cold-${i}.db`)
    starts.push(readyMs)
    await stop(child)
  }

  const causerie = await startCauserie('bench.db')
  const threadUrl = await seed(causerie.url, '/bench/100', 100)
  const sample = await call(threadUrl)
  const ours = await load(threadUrl, CONNECTIONS, DURATION_MS)
  const rss = rssMb(causerie.child.pid)
  const mix = await mixed(causerie.url, threadUrl, MIXED_READERS, MIXED_WRITERS, MIXED_MS)

  const baseline = await startBaseline(sample.body, sample.headers['content-type'])
  const bare = await load(`${baseline.url}/`, CONNECTIONS, DURATION_MS)
  await stop(baseline.child)

  await seed(causerie.url, '/bench/1000', 1000)
  const browser = await browserFigure(causerie.url, '/bench/1000', 1000)
  await stop(causerie.child)

  const ratio = ours.rps / bare.rps
  row(
    `GET /api/comments (100 comments) req/s, ${CONNECTIONS} conn. ${DURATION_MS / 1000} s`,
    fmt(ours.rps),
    `bare node:http ${fmt(bare.rps)}; budget ≥ ${fmt(bare.rps / 2)} (half)`,
  )
  row('  ratio to bare node:http', `${fmt(ratio * 100)} %`, 'budget ≥ 50 %')
  row(
    '  latency p50 / p99',
    `${fmt(ours.p50, 1)} / ${fmt(ours.p99, 1)} ms`,
    `bare ${fmt(bare.p50, 1)} / ${fmt(bare.p99, 1)} ms`,
  )
  row(
    '  response size',
    `${sample.body.length} B`,
    `errors: ours ${ours.errors}, bare ${bare.errors}`,
  )
  row('server RSS after the run', `${fmt(rss, 1)} MB`, 'budget < 100 MB')
  row(
    `${MIXED_READERS} readers + ${MIXED_WRITERS} writers, ${MIXED_MS / 1000} s: req/s`,
    fmt(mix.rps),
    `errors: ${mix.errors}`,
  )
  for (const kind of ['reads', 'writes', 'edits']) {
    const q = mix[kind]
    row(`  ${kind} p50 / p99`, `${fmt(q.p50, 1)} / ${fmt(q.p99, 1)} ms`, `${q.count} requests`)
  }
  row(
    `cold start (median of ${COLD_STARTS})`,
    `${fmt(median(starts))} ms`,
    `budget < 500 ms; runs: ${starts.map((s) => fmt(s)).join(', ')}`,
  )
  if ('note' in browser) row('render 1,000 comments: script time', 'n/a', browser.note)
  else {
    row('render 1,000 comments: script time', `${fmt(browser.scriptMs)} ms`, 'budget < 100 ms')
    row(
      '  task time / comments rendered',
      `${fmt(browser.taskMs)} ms / ${browser.rendered}`,
      'of 1,000 in the thread',
    )
  }
} catch (error) {
  console.error(error)
  process.exitCode = 1
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 6))
const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join('  ')
console.log(line(['figure', 'value', 'baseline / budget']))
console.log(line(widths.map((w) => '-'.repeat(w))))
for (const r of rows) console.log(line(r))
