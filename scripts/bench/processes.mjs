// Child processes of the bench: the built server, bare baselines, and what /proc says of them.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SERVER_ENTRY = 'dist/server/main.js'
const READY_LINE = /^Causerie listening on (http:\/\/\S+?)\/?\r?\n/m

const children = new Set()

/** Kills every child still running; for process.on('exit'). */
export function killChildren() {
  for (const child of children) child.kill('SIGKILL')
}

/** Spawns a process and resolves with its URL once it prints the ready line. */
export function startProcess(args, env = {}) {
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

/** The built server on `dbPath`, with no demo and no rate limit, and `env` on top. */
export function startCauserie(dbPath, env = {}) {
  return startProcess([SERVER_ENTRY], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dbPath}`,
    CAUSERIE_RATE_LIMIT: '0',
    CAUSERIE_DEMO: 'off',
    CAUSERIE_ADMIN_PASSWORD: 'bench-admin-password-0123456789',
    ...env,
  })
}

/** SIGTERM, then wait for the exit. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** A bare node:http server answering `body` with the same content type, in its own process. */
export function startBaseline(work, body, contentType) {
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

/** Resident memory of a process, in MB. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1])
  return kb / 1024
}

/** The socket inodes process `pid` holds open. */
export function socketInodes(pid) {
  const inodes = new Set()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (match) inodes.add(match[1])
    } catch {
      // The descriptor closed between the listing and the read.
    }
  }
  return inodes
}

/**
 * The machine's IPv4 TCP sockets from /proc/net/tcp: both ends as "address:port", the state
 * (e.g. '01' established, '08' close-wait: the peer has closed), the bytes queued to send and
 * to read, and the inode.
 */
export function tcpSockets() {
  const sockets = []
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    const fields = line.trim().split(/\s+/)
    if (fields.length < 10) continue
    const [sendQueue, readQueue] = fields[4].split(':').map((n) => Number.parseInt(n, 16))
    sockets.push({
      local: endpoint(fields[1]),
      remote: endpoint(fields[2]),
      state: fields[3],
      sendQueue,
      readQueue,
      inode: fields[9],
    })
  }
  return sockets
}

/** "0100007F:1F90" (the address in the machine's byte order, little-endian here) → "127.0.0.1:8080". */
function endpoint(field) {
  const [address, port] = field.split(':')
  const bytes = address.match(/../g).map((byte) => Number.parseInt(byte, 16))
  return `${bytes.reverse().join('.')}:${Number.parseInt(port, 16)}`
}
