import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from './sqlite.ts'
import { commentRow, describeStoreContract } from './store.contract.ts'

const dirs: string[] = []

async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'causerie-store-'))
  dirs.push(dir)
  // A missing sub-directory: the store must create it.
  return join(dir, 'data', 'causerie.db')
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

describeStoreContract('SQLite file', async () => createSqliteStore(await tempPath()))
describeStoreContract('SQLite :memory:', async () => createSqliteStore(':memory:'))

describe('createSqliteStore', () => {
  it('keeps comments across close and reopen', async () => {
    const path = await tempPath()
    const first = createSqliteStore(path)
    const thread = await first.upsertThread('/post', 'Post', 1)
    const comment = await first.insertComment(commentRow(thread.id, { text: 'durable 🙂' }))
    await first.setMeta('k', 'v')
    await first.close()

    const second = createSqliteStore(path)
    expect(await second.findComment(comment.id)).toEqual(comment)
    expect(await second.findThread('/post')).toEqual(thread)
    expect(await second.getMeta('k')).toBe('v')
    await second.close()
  })

  it('opens an already migrated file without migrating it again', async () => {
    const path = await tempPath()
    await createSqliteStore(path).close()
    await createSqliteStore(path).close()
    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('refuses a comment whose thread does not exist', async () => {
    const store = createSqliteStore(':memory:')
    await expect(store.insertComment(commentRow(999))).rejects.toThrow(/FOREIGN KEY/)
    await store.close()
  })
})
