import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { commentRow, describeStoreContract } from '../store.contract.ts'
import { describeStoreHostileContract } from '../store-hostile.contract.ts'
import { describeModerationStoreContract } from '../store-moderation.contract.ts'
import { migrate } from './migrate.ts'
import init from './migrations/001-init.sql?raw'
import moderation from './migrations/002-moderation.sql?raw'
import { createSqliteStore } from './sqlite-store.ts'

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
describeModerationStoreContract('SQLite :memory:', async () => createSqliteStore(':memory:'))
describeStoreHostileContract('SQLite file', async () => createSqliteStore(await tempPath()))

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
    expect(await second.findThread('/post')).toEqual({ ...thread, version: thread.version + 1 })
    expect(await second.getMeta('k')).toBe('v')
    await second.close()
  })

  it('opens an already migrated file without migrating it again', async () => {
    const path = await tempPath()
    await createSqliteStore(path).close()
    await createSqliteStore(path).close()
    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(4)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('upgrades a version 1 database and keeps its comments', async () => {
    const path = await tempPath()
    await createSqliteStore(path).close()
    const old = new Database(path)
    old.exec(
      'DROP TABLE sessions; DROP TABLE outbox; DROP TABLE subscribers; DROP TABLE used_links',
    )
    old.exec('DROP TABLE comments; DROP TABLE threads; DROP TABLE meta; PRAGMA user_version = 0')
    migrate(old, [{ version: 1, sql: init }])
    old.exec(`INSERT INTO threads (uri, created_at) VALUES ('/old', 1);
      INSERT INTO comments (thread_id, text, html, avatar, client_hash, token_hash, status, created_at)
      VALUES (1, 'kept', '<p>kept</p>', 'a', 'c', 't', 'published', 2)`)
    old.close()
    const store = createSqliteStore(path)
    expect(await store.findThread('/old')).toMatchObject({
      closedAt: null,
      version: expect.any(Number),
    })
    expect(await store.findComment(1)).toMatchObject({
      text: 'kept',
      isOwner: false,
      notify: false,
    })
    await store.close()
  })

  it('upgrades a version 2 database and hashes its texts for the duplicate check', async () => {
    const path = await tempPath()
    await mkdir(dirname(path))
    const old = new Database(path)
    migrate(old, [
      { version: 1, sql: init },
      { version: 2, sql: moderation },
    ])
    old.exec("INSERT INTO threads (uri, created_at) VALUES ('/old', 1)")
    const insert = old.prepare(`INSERT INTO comments (thread_id, text, html, avatar, client_hash,
      token_hash, status, created_at) VALUES (1, ?, '', 'a', 'c', 't', 'published', 2)`)
    // More rows than one batch of the fill, so that it has to go on. One transaction: 1,234
    // separately synced inserts took seconds and timed the test out on a busy machine.
    old.transaction(() => {
      for (let n = 0; n < 1_234; n++) insert.run(`Old comment number ${n}`)
    })()
    old.close()
    const store = createSqliteStore(path)
    expect(await store.hasDuplicate(1, 'old COMMENT number 0', 'z')).toBe(true)
    expect(await store.hasDuplicate(1, 'Old comment number 1233', 'z')).toBe(true)
    expect(await store.hasDuplicate(1, 'Old comment number 1234', 'z')).toBe(false)
    await store.close()
    const db = new Database(path, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM comments WHERE text_hash IS NULL').pluck().get()).toBe(
      0,
    )
    db.close()
  })

  it('refuses a comment whose thread does not exist', async () => {
    const store = createSqliteStore(':memory:')
    await expect(store.insertComment(commentRow(999))).rejects.toThrow(/FOREIGN KEY/)
    await store.close()
  })
})
