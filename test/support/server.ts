import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const SERVER_ENTRY = join(ROOT, 'dist/server/main.js')

// Matched only once the whole line has arrived: a chunk may end in the middle of the port.
const READY_LINE = /^Causerie listening on (http:\/\/\S+?)\/?\r?\n/m
const READY_TIMEOUT_MS = 20_000

export interface StartOptions {
  /** Extra environment variables; they override the test defaults. */
  env?: Record<string, string>
  /** An existing SQLite file to open; default: a fresh file in a new temp directory. */
  dbPath?: string
}

export interface TestServer {
  /** Origin of the running process, e.g. http://127.0.0.1:41234 (changes on restart). */
  readonly url: string
  readonly dbPath: string
  readonly pid: number
  /** Everything the server wrote to stderr, across restarts. */
  stderr(): string
  isAlive(): boolean
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>
  /** SIGKILL, then wait for the process to exit: a crash at this very instant. */
  kill9(): Promise<void>
  /** Stops the process if it still runs and starts a new one on the same database file. */
  restart(): Promise<void>
  /** Stops the process and deletes the temp directory the database was created in. */
  dispose(): Promise<void>
}

const running = new Set<ChildProcess>()
// A worker that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Spawns `node dist/server/main.js` on an ephemeral port and waits for its ready line. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  let tempDir: string | undefined
  let dbPath = options.dbPath
  if (dbPath === undefined) {
    tempDir = mkdtempSync(join(tmpdir(), 'causerie-test-'))
    dbPath = join(tempDir, 'causerie.db')
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dbPath}`,
    CAUSERIE_RATE_LIMIT: '0',
    CAUSERIE_ADMIN_PASSWORD: 'test-admin-password-0123456789',
    // A login at the real cost takes scrypt's full price (hundreds of ms on a busy CI machine).
    CAUSERIE_PASSWORD_COST: '4',
    // Every test client is 127.0.0.1, one client to the server: suites that open many sockets
    // would meet the per-client cap meant for one machine among many (slow-clients tests it).
    CAUSERIE_CLIENT_CONNECTIONS: '0',
    ...options.env,
  }
  const output: Output = { stderr: '' }
  let current: Spawned
  try {
    current = await spawnServer(env, output)
  } catch (error) {
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true })
    throw error
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const { child } = current
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    child.kill(signal)
    await exited
  }

  return {
    get url() {
      return current.url
    },
    get pid() {
      return current.child.pid ?? -1
    },
    dbPath,
    stderr: () => output.stderr,
    isAlive: () => current.child.exitCode === null && current.child.signalCode === null,
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM')
      current = await spawnServer(env, output)
    },
    async dispose() {
      await end('SIGTERM')
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true })
    },
  }
}

interface Spawned {
  child: ChildProcess
  url: string
}

/** What a server wrote to stderr, across restarts. */
interface Output {
  stderr: string
}

function spawnServer(env: Record<string, string>, output: Output): Promise<Spawned> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  child.stderr?.setEncoding('utf8')
  child.stdout?.setEncoding('utf8')
  let ownStderr = ''
  let ownStdout = ''
  child.stderr?.on('data', (chunk: string) => {
    ownStderr += chunk
    output.stderr += chunk
  })
  return new Promise((resolvePromise, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${why}\n--- stdout ---\n${ownStdout}\n--- stderr ---\n${ownStderr}`))
    }
    const timer = setTimeout(
      () => fail(`server did not print its ready line within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    )
    child.stdout?.on('data', (chunk: string) => {
      ownStdout += chunk
      const match = READY_LINE.exec(ownStdout)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        child.removeListener('exit', onEarlyExit)
        resolvePromise({ child, url: match[1] })
      }
    })
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(`server exited before it was ready (code ${code}, signal ${signal})`)
    child.once('exit', onEarlyExit)
    child.once('error', (error) => fail(`could not spawn the server: ${error.message}`))
  })
}

/** A stack trace line as Node prints it: "    at fn (file.js:1:2)". */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m
