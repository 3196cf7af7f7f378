import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate.ts'
import init from './migrations/001-init.sql?raw'
import type { CommentPatch, CommentRow, Store, ThreadRow } from './store.ts'

const MIGRATIONS = [{ version: 1, sql: init }]

const COMMENT_COLUMNS = `id, thread_id AS threadId, parent_id AS parentId, text, html, name, email,
  website, avatar, client_hash AS clientHash, token_hash AS tokenHash, status,
  created_at AS createdAt, edited_at AS editedAt`

const THREAD_COLUMNS = 'id, uri, title, created_at AS createdAt'

/** The columns a patch may touch; anything else in a patch object is ignored, never interpolated. */
const PATCH_COLUMNS: Record<keyof CommentPatch, string> = {
  text: 'text',
  html: 'html',
  name: 'name',
  email: 'email',
  website: 'website',
  avatar: 'avatar',
  status: 'status',
  editedAt: 'edited_at',
}

/** Opens (creating if needed) a SQLite database at `path` or ':memory:' and runs its migrations. */
export function createSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // FULL: an acknowledged comment survives power loss, not only a crash (DESIGN.md).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, MIGRATIONS)
  return sqliteStore(db)
}

function sqliteStore(db: Database.Database): Store {
  const sql = statements(db)
  return {
    async findThread(uri) {
      return sql.findThread.get(uri) as ThreadRow | undefined
    },
    async upsertThread(uri, title, createdAt) {
      return sql.upsertThread.get({ uri, title, createdAt }) as ThreadRow
    },
    async listComments(threadId) {
      return sql.listComments.all(threadId) as CommentRow[]
    },
    async findComment(id) {
      return sql.findComment.get(id) as CommentRow | undefined
    },
    async insertComment(row) {
      const { lastInsertRowid } = sql.insertComment.run(row)
      return { ...row, id: Number(lastInsertRowid) }
    },
    async updateComment(id, patch) {
      const keys = Object.keys(patch).filter(
        (key): key is keyof CommentPatch =>
          Object.hasOwn(PATCH_COLUMNS, key) && patch[key as keyof CommentPatch] !== undefined,
      )
      if (keys.length > 0) {
        const sets = keys.map((key) => `${PATCH_COLUMNS[key]} = @${key}`).join(', ')
        const values = Object.fromEntries(keys.map((key) => [key, patch[key]]))
        db.prepare(`UPDATE comments SET ${sets} WHERE id = @id`).run({ ...values, id })
      }
      return sql.findComment.get(id) as CommentRow | undefined
    },
    async countPublished(uris) {
      const rows = sql.countPublished.all(JSON.stringify(uris)) as { uri: string; total: number }[]
      return new Map(rows.map((row) => [row.uri, row.total]))
    },
    async getMeta(key) {
      return sql.getMeta.get(key) as string | undefined
    },
    async setMeta(key, value) {
      sql.setMeta.run(key, value)
    },
    async claimMeta(key, value) {
      sql.claimMeta.run(key, value)
      return sql.getMeta.get(key) as string
    },
    async ping() {
      sql.ping.get()
    },
    async close() {
      if (db.open) db.close()
    },
  }
}

function statements(db: Database.Database) {
  return {
    findThread: db.prepare(`SELECT ${THREAD_COLUMNS} FROM threads WHERE uri = ?`),
    upsertThread: db.prepare(
      `INSERT INTO threads (uri, title, created_at) VALUES (@uri, @title, @createdAt)
       ON CONFLICT (uri) DO UPDATE SET title = coalesce(threads.title, excluded.title)
       RETURNING ${THREAD_COLUMNS}`,
    ),
    listComments: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments WHERE thread_id = ? ORDER BY created_at, id`,
    ),
    findComment: db.prepare(`SELECT ${COMMENT_COLUMNS} FROM comments WHERE id = ?`),
    insertComment: db.prepare(
      `INSERT INTO comments (thread_id, parent_id, text, html, name, email, website, avatar,
         client_hash, token_hash, status, created_at, edited_at)
       VALUES (@threadId, @parentId, @text, @html, @name, @email, @website, @avatar,
         @clientHash, @tokenHash, @status, @createdAt, @editedAt)`,
    ),
    countPublished: db.prepare(
      `SELECT t.uri AS uri, count(c.id) AS total FROM threads t
       JOIN comments c ON c.thread_id = t.id AND c.status = 'published'
       WHERE t.uri IN (SELECT value FROM json_each(?)) GROUP BY t.uri`,
    ),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    claimMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    ping: db.prepare('SELECT 1'),
  }
}
