import { request } from 'node:http'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedResponse } from '../server/contract.ts'
import { apiClient } from './support/api.ts'
import { startServer, type TestServer } from './support/server.ts'

// docs/architecture.md, Durability: a comment acknowledged with 2xx survives a crash of the
// process the next instant. The crash here is SIGKILL sent from the callback that receives the 201.

let server: TestServer
const api = apiClient(() => server.url)

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
})

/**
 * POSTs a comment and, in the same tick as the complete 201 arrives, SIGKILLs the server:
 * nothing the server might still do after answering (a deferred COMMIT, a checkpoint) gets to run.
 */
function postThenKill(uri: string, text: string): Promise<CreatedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/api/comments`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          process.kill(server.pid, 'SIGKILL')
          const text = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode !== 201)
            reject(new Error(`expected 201, got ${res.statusCode}: ${text}`))
          else resolve(JSON.parse(text) as CreatedResponse)
        })
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify({ uri, text }))
  })
}

describe('durability', () => {
  it('keeps a comment acknowledged with 201 when the process is killed right after', async () => {
    const uri = '/durable/one'
    const { comment } = await postThenKill(uri, 'survivant')
    await server.kill9()
    expect(server.isAlive()).toBe(false)
    await server.restart()
    const thread = await api.thread(uri)
    expect(thread.comments).toEqual([comment])
  })

  it('keeps every acknowledged comment of a stream cut by SIGKILL', async () => {
    const uri = '/durable/stream'
    const acknowledged: number[] = []
    const failures: string[] = []
    let killed = false
    const KILL_AFTER = 25
    // Four writers at once, so that the kill lands while other inserts are in flight.
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await api.post({ uri, text: `flux ${w}-${i}` })
          if (res.status === 201) {
            acknowledged.push((res.json as CreatedResponse).comment.id)
            if (acknowledged.length === KILL_AFTER && !killed) {
              killed = true
              process.kill(server.pid, 'SIGKILL')
            }
          } else failures.push(`${res.status} ${res.text}`)
        } catch {
          // The connection died with the server: that request was never acknowledged.
          if (!killed) failures.push('connection error before the kill')
          return
        }
      }
    }
    await Promise.all([0, 1, 2, 3].map(writer))
    await server.kill9()
    expect(failures).toEqual([])
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER)
    await server.restart()
    const stored = new Set((await api.thread(uri)).comments.map((c) => c.id))
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
  })

  it('leaves a database that passes integrity_check, in WAL mode', async () => {
    // A last acknowledged write before the final kill, so that the WAL is not empty.
    await postThenKill('/durable/last', 'dernier')
    await server.kill9()
    const db = new Database(server.dbPath, { readonly: true, fileMustExist: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      const row = db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }
      expect(row.n).toBeGreaterThanOrEqual(27)
    } finally {
      db.close()
    }
    await server.restart()
    expect((await api.thread('/durable/last')).total).toBe(1)
  })
})
