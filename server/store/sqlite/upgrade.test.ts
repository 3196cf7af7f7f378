import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { openStore } from '../open-store.ts'
import { replyRow } from '../store.contract.ts'
import type { PublicCommentRow, Store } from '../store.ts'

// fixtures/schema-4.db is a database as the code of commit 8cdaa3c left it (schema version 4),
// made by fixtures/make-schema-4.mjs; its comments are listed there, by id.
const FIXTURE = new URL('./fixtures/schema-4.db', import.meta.url)

const ids = (rows: readonly PublicCommentRow[]) => rows.map((row) => row.id)

describe('upgrading a schema 4 database', () => {
  let dir: string
  let path: string
  let versionsBefore: Record<number, number>
  let store: Store

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'causerie-upgrade-'))
    path = join(dir, 'causerie.db')
    await copyFile(FIXTURE, path)
    const old = new Database(path, { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(4)
    const threads = old.prepare('SELECT id, version FROM threads').all() as {
      id: number
      version: number
    }[]
    versionsBefore = Object.fromEntries(threads.map((thread) => [thread.id, thread.version]))
    old.close()
    store = await openStore({ kind: 'sqlite', path })
  })

  afterAll(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Reads the upgraded file beside the store, for what the interface does not show. */
  function query<T>(sql: string): T[] {
    const db = new Database(path, { readonly: true })
    try {
      return db.prepare(sql).all() as T[]
    } finally {
      db.close()
    }
  }

  it('reaches schema version 5, without the version triggers', () => {
    expect(query<{ v: number }>('SELECT user_version AS v FROM pragma_user_version')).toEqual([
      { v: 5 },
    ])
    expect(query("SELECT name FROM sqlite_master WHERE type = 'trigger'")).toEqual([])
  })

  it('places every reply below its top-level comment', async () => {
    const roots: Record<number, number | null> = {}
    for (const threadId of [1, 2]) {
      for (const row of await store.listComments(threadId)) roots[row.id] = row.rootId
    }
    expect(roots).toEqual({
      1: null,
      2: 1,
      3: 1,
      4: null,
      5: 4,
      6: null,
      7: 6,
      8: null,
      9: null,
      10: null,
      11: 1,
      12: 1,
      13: 1,
      14: 1,
      15: null,
      16: 15,
      17: 15,
    })
  })

  it('shows published comments and placeholders, and hides the rest', async () => {
    const hidden = []
    for (const threadId of [1, 2]) {
      for (const row of await store.listComments(threadId)) {
        if (!row.visible) hidden.push(row.id)
      }
    }
    // 6: deleted with only a pending reply; 7, 8: pending; 9, 14: spam. The deleted 4, 11 and
    // 12 stay as placeholders: a published reply hangs below them, two levels down for 11.
    expect(hidden).toEqual([6, 8, 9, 7, 14])
  })

  it('moves the blocklist into its table, in the order of the old lists', async () => {
    expect(await store.listBlocklist()).toEqual([
      { kind: 'word', value: 'casino' },
      { kind: 'word', value: 'viagra' },
      { kind: 'word', value: 'crypto' },
      { kind: 'email', value: 'spam@x.example' },
      { kind: 'email', value: '@bad.example' },
      { kind: 'client', value: 'e'.repeat(64) },
      { kind: 'client', value: 'a'.repeat(64) },
    ])
    expect(await store.getMeta('blocklist')).toBeUndefined()
    expect(await store.getMeta('kept')).toBe('as it was')
  })

  it('hashes every text, those from before migration 003 included', async () => {
    expect(await store.listUnhashedTexts(100)).toEqual([])
    for (const threadId of [1, 2]) {
      for (const row of await store.listComments(threadId)) {
        expect(row.textHash, `comment ${row.id}`).toBe(duplicateHash(row.text))
      }
    }
    expect(await store.hasDuplicate(1, duplicateHash('comment number 1'), 'z')).toBe(true)
  })

  it('keeps the threads and their counts, and moves their versions on only', async () => {
    const first = await store.findThreadById(1)
    const second = await store.findThreadById(2)
    expect(first).toMatchObject({ uri: '/first', title: 'First post' })
    expect(second).toMatchObject({ uri: '/second', title: null })
    // The old triggers still fire on migration 005's own updates, before it drops them: a
    // version may grow on upgrade (cached pages are rebuilt), never go back to one seen.
    expect(first?.version).toBeGreaterThanOrEqual(versionsBefore[1] ?? NaN)
    expect(second?.version).toBeGreaterThanOrEqual(versionsBefore[2] ?? NaN)
    expect(await store.countThreadPublished(1)).toBe(6)
    expect(Object.fromEntries(await store.countPublished(['/first', '/second']))).toEqual({
      '/first': 6,
      '/second': 3,
    })
  })

  it('pages the old comments like new ones', async () => {
    // 1 and 10 share a time; 4 came a minute later.
    expect(ids(await store.listRoots(1, 'oldest', undefined, 10))).toEqual([1, 10, 4])
    expect(ids(await store.listRoots(1, 'newest', undefined, 10))).toEqual([4, 10, 1])
    expect(ids(await store.listRoots(1, 'best', undefined, 10))).toEqual([1, 10, 4])
    const [first] = await store.listRoots(1, 'oldest', undefined, 1)
    expect(first).toMatchObject({ id: 1, up: 0, down: 0, bestRank: 0 })
    const after = first && { createdAt: first.createdAt, id: first.id, bestRank: first.bestRank }
    expect(ids(await store.listRoots(1, 'oldest', after, 10))).toEqual([10, 4])
    expect(ids(await store.listReplies(1, undefined, 10))).toEqual([2, 3, 11, 12, 13])
    expect(ids(await store.listReplies(4, undefined, 10))).toEqual([5])
    expect(await store.listReplies(6, undefined, 10)).toEqual([])
    expect(Object.fromEntries(await store.countReplies([1, 4, 6, 10, 15]))).toEqual({
      1: 5,
      4: 1,
      15: 2,
    })
    expect(await store.listReplies(15, undefined, 10)).toEqual([
      expect.objectContaining({ id: 16, isOwner: true }),
      expect.objectContaining({ id: 17, isOwner: false }),
    ])
  })

  it('takes new comments and votes afterwards', async () => {
    const version = (await store.findThreadById(1))?.version
    const parent = await store.findComment(13)
    if (!parent) throw new Error('comment 13 is missing')
    const reply = await store.insertComment(replyRow(parent, { createdAt: Date.UTC(2025, 0, 1) }))
    expect(reply.rootId).toBe(1)
    expect((await store.listReplies(1, undefined, 10)).at(-1)?.id).toBe(reply.id)
    await store.saveVote({
      commentId: reply.id,
      voterHash: 'v',
      clientHash: 'c',
      value: 1,
      createdAt: reply.createdAt,
    })
    expect(await store.findVote(reply.id, 'v', [])).toMatchObject({ value: 1 })
    // No trigger bumps the version any more; the services do.
    expect((await store.findThreadById(1))?.version).toBe(version)
  })
})
