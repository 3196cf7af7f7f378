// npm run bench: the server and browser figures of README.md's budgets and of the issue "Threads
// that scale", each next to a baseline measured in the same run. Prints one table per scenario
// and asserts nothing: figures vary with the machine, tests never time anything.
//
//   cold start of the server (spawn → listening, median of 5)
//   the first page of a 5,000-comment thread: server time warm (cached), cold (first read after
//     a start, first read after a write), size; requests/s and p50/p99 with 50 keep-alive
//     connections for 5 s, against a bare node:http server sending the same bytes (3 rounds,
//     alternated); RSS after
//   50 readers and 5 writers for 30 s (every fourth comment edited): requests/s, p50/p99 of each
//     kind; test/load.test.ts asserts the same mix has no error, the figures are only here
//   10 readers of that page, alone and while the thread takes 100 votes/s for 10 s
//   Chromium: navigation → first comment painted, and script time, cold and warm context
//   100 readers that never read the answer of the biggest page the server allows: peak RSS, how
//     many of them the server closed and when, and another reader's latency meanwhile
//
// Needs `npm run build` first (it runs dist/server/main.js, as a user does). How the threads are
// seeded: scripts/bench/seed-threads.mjs.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { browserFigures } from './bench/browser.mjs'
import { expectStatus, load, quantiles, sequential } from './bench/http.mjs'
import { mixed } from './bench/mixed.mjs'
import {
  killChildren,
  rssMb,
  SERVER_ENTRY,
  startBaseline,
  startCauserie,
  stop,
} from './bench/processes.mjs'
import {
  BIG_COMMENTS,
  BIG_URI,
  SMALL_URI,
  STALLED_URI,
  seedThreads,
} from './bench/seed-threads.mjs'
import { stalledReaders } from './bench/stalled-readers.mjs'
import { votesWhileReading } from './bench/votes-while-reading.mjs'

const CONNECTIONS = 50
const DURATION_MS = 5_000
const LOAD_ROUNDS = 3
const COLD_STARTS = 5
/** Server restarts for "first read after start", and writes for "first read after a write". */
const COLD_READS = 5
const READS_AFTER_WRITE = 20
const WARM_READS = 200
const MIXED = { readers: 50, writers: 5, durationMs: 30_000 }
const VOTES = { readers: 10, perSecond: 100, durationMs: 10_000 }
const BROWSER_RUNS = 3
/**
 * 100 readers, long enough for the server's default send timeout (30 s) to show; then one
 * machine's 100 sockets, which its per-client connection limit refuses at once.
 */
const STALLED = [
  { sockets: 100, durationMs: 35_000, oneClient: false },
  { sockets: 100, durationMs: 10_000, oneClient: true },
]
/**
 * The load scenarios stand for many readers, but all come from 127.0.0.1: the server's limit
 * on connections per client (CAUSERIE_CLIENT_CONNECTIONS) is off for them.
 */
const MANY_CLIENTS = { CAUSERIE_CLIENT_CONNECTIONS: '0' }

if (!existsSync(SERVER_ENTRY)) {
  console.error(`${SERVER_ENTRY} is missing: run \`npm run build\` first.`)
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'causerie-bench-'))
process.on('exit', () => {
  killChildren()
  rmSync(work, { recursive: true, force: true })
})

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')
const ms = (n) => `${fmt(n, n < 10 ? 2 : 1)} ms`
const pair = (q) => `${ms(q.p50)} / ${ms(q.p99)}`
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Prints a titled table of [figure, value, baseline or aim] rows. */
function table(title, rows) {
  const all = [['figure', 'value', 'baseline / aim'], ...rows]
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => String(r[i]).length)))
  const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')
  console.log(`\n${title}\n${line(all[0])}\n${line(widths.map((w) => '-'.repeat(w)))}`)
  for (const r of rows) console.log(line(r))
}

async function coldStarts() {
  const starts = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const { child, readyMs } = await startCauserie(join(work, `cold-${i}.db`))
    starts.push(readyMs)
    await stop(child)
  }
  table('Cold start (fresh database)', [
    [
      `spawn → listening, median of ${COLD_STARTS}`,
      ms(median(starts)),
      `< 500 ms; runs: ${starts.map((s) => fmt(s)).join(', ')}`,
    ],
  ])
}

/** Starts the server on `dbPath` and times its first read of `path`, after a /healthz. */
async function firstReadAfterStart(dbPath, path) {
  const server = await startCauserie(dbPath, MANY_CLIENTS)
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  await expectStatus(200, `${server.url}/healthz`, { agent })
  const res = await expectStatus(200, `${server.url}${path}`, { agent })
  agent.destroy()
  return { server, ms: res.ms }
}

/** Times the first read of `path` after each of `count` new comments, on one connection. */
async function firstReadsAfterWrite(origin, path, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const times = []
  for (let i = 0; i < count; i++) {
    const body = { uri: BIG_URI, text: `Un commentaire de plus, le ${i + 1}e de la série.` }
    await expectStatus(201, `${origin}/api/comments`, { method: 'POST', body, agent })
    times.push((await expectStatus(200, `${origin}${path}`, { agent })).ms)
  }
  agent.destroy()
  return quantiles(times)
}

async function firstPage(dbPath, path) {
  const afterStart = []
  let server
  for (let i = 0; i < COLD_READS; i++) {
    if (server) await stop(server.child)
    const first = await firstReadAfterStart(dbPath, path)
    server = first.server
    afterStart.push(first.ms)
  }
  const pageUrl = `${server.url}${path}`
  const warm = await sequential(pageUrl, WARM_READS)
  const afterWrite = await firstReadsAfterWrite(server.url, path, READS_AFTER_WRITE)
  const sample = await expectStatus(200, pageUrl)
  const baseline = await startBaseline(work, sample.body, sample.headers['content-type'])
  const bareUrl = `${baseline.url}/`
  const bareOne = await sequential(bareUrl, WARM_READS)
  const rounds = []
  // Alternated, so that a burst of other work on the machine weighs on both alike.
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    const ours = await load(pageUrl, CONNECTIONS, DURATION_MS)
    rounds.push({ ours, bare: await load(bareUrl, CONNECTIONS, DURATION_MS) })
  }
  await stop(baseline.child)
  const rss = rssMb(server.child.pid)

  const page = JSON.parse(sample.body.toString())
  const bare1 = `bare node:http, same bytes: ${ms(bareOne.p50)}`
  const gzip = fmt(gzipSync(sample.body).length / 1024, 1)
  table(`First page of a ${BIG_COMMENTS.toLocaleString('en')}-comment thread (GET ${path})`, [
    [
      'answer size',
      `${fmt(sample.body.length / 1024, 1)} KB (gzip ${gzip} KB)`,
      `< 100 KB; ${page.comments.length} comments of ${page.total}`,
    ],
    [`warm (cached), p50 / p99 of ${WARM_READS}`, pair(warm), `< 5 ms; ${bare1}`],
    [
      `cold, first read after a start, median of ${COLD_READS}`,
      ms(median(afterStart)),
      `< 50 ms; runs: ${afterStart.map((t) => fmt(t, 1)).join(', ')}`,
    ],
    [
      `cold, first read after a new comment, p50 / max of ${READS_AFTER_WRITE}`,
      `${ms(afterWrite.p50)} / ${ms(afterWrite.max)}`,
      `< 50 ms; ${bare1}`,
    ],
    ...throughputRows(rounds),
    ['server RSS after those runs', `${fmt(rss, 1)} MB`, '< 100 MB'],
  ])
  return { server, pageUrl }
}

/** The rows of the load rounds: the round of median ratio, and every round's ratio. */
function throughputRows(rounds) {
  const ratio = (round) => round.ours.rps / round.bare.rps
  const { ours, bare } = [...rounds].sort((a, b) => ratio(a) - ratio(b))[
    Math.floor(rounds.length / 2)
  ]
  const errors = rounds.reduce((sum, round) => sum + round.ours.errors + round.bare.errors, 0)
  return [
    [
      `req/s, ${CONNECTIONS} keep-alive connections, ${DURATION_MS / 1000} s (median of ${LOAD_ROUNDS} rounds)`,
      fmt(ours.rps),
      `bare node:http ${fmt(bare.rps)}; budget ≥ 0.7× bare = ${fmt(bare.rps * 0.7)}`,
    ],
    [
      '  ratio to bare node:http',
      `${fmt(ratio({ ours, bare }) * 100)} %`,
      `≥ 70 %; rounds: ${rounds.map((round) => `${fmt(ratio(round) * 100)} %`).join(', ')}`,
    ],
    ['  latency p50 / p99', pair(ours), `bare ${pair(bare)}; errors, all rounds: ${errors}`],
  ]
}

async function mixedLoad(origin, pageUrl) {
  const mix = await mixed(origin, pageUrl, MIXED)
  const { readers, writers, durationMs } = MIXED
  table(`${readers} readers of that page + ${writers} writers, ${durationMs / 1000} s`, [
    ['requests/s', fmt(mix.rps), `errors: ${mix.errors}`],
    ...['reads', 'writes', 'edits'].map((kind) => [
      `  ${kind} p50 / p99`,
      pair(mix[kind]),
      `${mix[kind].count} requests`,
    ]),
  ])
}

async function votes(origin, pageUrl, commentIds) {
  const { readers, perSecond, durationMs } = VOTES
  const figures = await votesWhileReading(origin, pageUrl, commentIds, VOTES)
  const { quiet, busy, votes: cast } = figures
  table(`${perSecond} votes/s for ${durationMs / 1000} s on that thread, ${readers} readers`, [
    ['readers p50 / p99 during votes', pair(busy), `without votes: ${pair(quiet)}`],
    ['  reads', String(busy.count), `without votes: ${quiet.count}; errors ${busy.errors}`],
    ['votes p50 / p99 (answer time seen over loopback)', pair(cast), `${cast.sent} sent`],
    ['  votes answered 200', String(cast.count), `errors: ${cast.errors}`],
  ])
}

async function browser(origin) {
  // The server's answer is cached: these figures are the browser's.
  await expectStatus(200, `${origin}/api/comments?uri=${encodeURIComponent(BIG_URI)}`)
  const figures = await browserFigures(origin, BIG_URI, BROWSER_RUNS)
  const title = `Chromium, page embedding the ${BIG_COMMENTS.toLocaleString('en')}-comment thread, ${BROWSER_RUNS} contexts`
  if ('note' in figures) {
    table(title, [['first comment painted', 'n/a', figures.note]])
    return
  }
  const runs = (loads, key) => loads.map((load) => fmt(load[key])).join(', ')
  const rows = []
  for (const [name, loads] of [
    ['cold context', figures.cold],
    ['warm (second load)', figures.warm],
  ]) {
    const first = median(loads.map((load) => load.firstCommentMs))
    const script = median(loads.map((load) => load.scriptMs))
    rows.push(
      [
        `${name}: navigation → first comment painted`,
        ms(first),
        `< 300 ms; runs ${runs(loads, 'firstCommentMs')}`,
      ],
      [`  script time (CDP ScriptDuration)`, ms(script), `runs ${runs(loads, 'scriptMs')}`],
      [
        '  thread answer received (resource timing)',
        ms(median(loads.map((load) => load.threadMs))),
        `runs ${runs(loads, 'threadMs')}`,
      ],
    )
  }
  rows.push(['comments rendered then', String(figures.cold[0].comments), 'of the first page'])
  table(title, rows)
}

/** The stalled-readers scenario on a server of its own, with the server's default limits. */
async function stalled(dbPath, variant) {
  const server = await startCauserie(dbPath)
  const stalledUrl = `${server.url}/api/comments?uri=${encodeURIComponent(STALLED_URI)}`
  // No keep-alive: an idle connection would take one of 127.0.0.1's slots.
  const page = await expectStatus(200, stalledUrl, { agent: false })
  const smallUrl = `${server.url}/api/comments?uri=${encodeURIComponent(SMALL_URI)}`
  const rssBefore = rssMb(server.child.pid)
  const figures = await stalledReaders(server, stalledUrl, smallUrl, variant)
  await stop(server.child)
  const { sockets, durationMs, oneClient } = variant
  const { closedAt } = figures
  const seconds = (t) => `${fmt(t / 1000, 1)} s`
  const closed =
    closedAt.length === 0
      ? `none in ${seconds(durationMs)}`
      : `first at ${seconds(closedAt[0])}, median ${seconds(median(closedAt))}, last ${seconds(closedAt.at(-1))}`
  const from = oneClient ? 'all from 127.0.0.1' : `from ${sockets} addresses`
  table(`${sockets} stalled readers of the biggest page, ${from}, ${seconds(durationMs)}`, [
    [
      'biggest page (comments of 10,000 ")',
      `${fmt(page.body.length / 1024)} KB`,
      `${JSON.parse(page.body.toString()).comments.length} comments`,
    ],
    [
      'server peak RSS (VmRSS every 100 ms)',
      `${fmt(figures.peakRss, 1)} MB`,
      `< 150 MB; ${fmt(rssBefore, 1)} MB before`,
    ],
    [
      '  bytes the kernel held for them (peak)',
      `${fmt(figures.peakQueuedKb / 1024, 1)} MB`,
      'send queues of the server and receive queues of the readers',
    ],
    ['sockets the server closed', `${closedAt.length} of ${sockets}`, closed],
    [
      'another reader (127.0.0.2), 10-comment thread, p50 / p99',
      pair(figures.during),
      `before: ${pair(figures.before)}; errors ${figures.during.errors}`,
    ],
  ])
}

try {
  const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim()
  console.log(`Causerie bench, Node ${process.version}; uptime at start: ${uptime}`)
  await coldStarts()
  const dbPath = join(work, 'bench.db')
  const seedStarted = performance.now()
  const commentIds = await seedThreads(dbPath)
  console.log(`\nSeeded in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`)
  const path = `/api/comments?uri=${encodeURIComponent(BIG_URI)}`
  const { server, pageUrl } = await firstPage(dbPath, path)
  await mixedLoad(server.url, pageUrl)
  await votes(server.url, pageUrl, commentIds)
  await browser(server.url)
  await stop(server.child)
  for (const variant of STALLED) await stalled(dbPath, variant)
  console.log(`\nuptime at the end: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`)
} catch (error) {
  console.error(error)
  process.exitCode = 1
}
