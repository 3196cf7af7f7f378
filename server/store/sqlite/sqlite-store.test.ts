import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { openStore } from '../open-store.ts'
import { commentRow, describeStoreContract, replyRow } from '../store.contract.ts'
import { describeStoreBlocklistContract } from '../store-blocklist.contract.ts'
import { describeStoreErasureContract } from '../store-erasure.contract.ts'
import { describeStoreHostileContract } from '../store-hostile.contract.ts'
import { describeModerationStoreContract } from '../store-moderation.contract.ts'
import { describeStorePagesContract } from '../store-pages.contract.ts'
import { describeStoreTransactionContract } from '../store-transaction.contract.ts'
import { describeStoreVotesContract } from '../store-votes.contract.ts'
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

const inFile = async () => createSqliteStore(await tempPath())
const inMemory = async () => createSqliteStore(':memory:')

for (const [name, makeStore] of [
  ['SQLite file', inFile],
  ['SQLite :memory:', inMemory],
] as const) {
  describeStoreContract(name, makeStore)
  describeModerationStoreContract(name, makeStore)
  describeStoreErasureContract(name, makeStore)
  describeStorePagesContract(name, makeStore)
  describeStoreVotesContract(name, makeStore)
  describeStoreTransactionContract(name, makeStore)
  describeStoreBlocklistContract(name, makeStore)
}
describeStoreHostileContract('SQLite file', inFile)

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
    expect(db.pragma('user_version', { simple: true })).toBe(5)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('upgrades a version 1 database and keeps its comments', async () => {
    const path = await tempPath()
    await mkdir(dirname(path))
    const old = new Database(path)
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
      rootId: null,
      visible: true,
    })
    await store.close()
  })

  it('upgrades a version 2 database, and openStore hashes its texts for the duplicate check', async () => {
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
    const store = await openStore({ kind: 'sqlite', path })
    const isDuplicate = (text: string) => store.hasDuplicate(1, duplicateHash(text), 'z')
    expect(await isDuplicate('old COMMENT number 0')).toBe(true)
    expect(await isDuplicate('Old comment number 1233')).toBe(true)
    expect(await isDuplicate('Old comment number 1234')).toBe(false)
    expect(await store.listUnhashedTexts(10)).toEqual([])
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

describe('the SQLite store’s transactions', () => {
  it('gives up with unavailable when a transaction holds the store too long, then recovers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const store = createSqliteStore(':memory:')
    try {
      let finish = () => {}
      const stuck = store.transaction(
        () =>
          new Promise<void>((resolve) => {
            finish = resolve
          }),
      )
      const waiting = store.getMeta('k')
      const settled = expect(waiting).rejects.toMatchObject({ code: 'unavailable' })
      await vi.advanceTimersByTimeAsync(5_000)
      await settled
      finish()
      await stuck
      await store.setMeta('k', 'v')
      expect(await store.getMeta('k')).toBe('v')
    } finally {
      vi.useRealTimers()
      await store.close()
    }
  })
})

describe('flushErasure', () => {
  it('leaves no trace of an erased address in the database’s files', async () => {
    const path = await tempPath()
    const store = createSqliteStore(path)
    const thread = await store.upsertThread('/p', null, 1)
    const email = 'traceable.person@unique.example'
    const kept = await store.insertComment(commentRow(thread.id, { email, name: 'Traceable Name' }))
    await store.insertComment(replyRow(kept))
    await store.insertComment(commentRow(thread.id, { email, text: 'removed outright' }))
    await store.transaction((tx) => tx.eraseEmail(email, duplicateHash('')))
    await store.flushErasure()
    const files = [path, `${path}-wal`]
    for (const file of files) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0))
      expect(bytes.includes(email), file).toBe(false)
      expect(bytes.includes('Traceable Name'), file).toBe(false)
    }
    await store.close()
  })
})
