import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { CommentPatch, CommentStore, Store, ThreadRow } from '../store.ts'
import { sqliteAdminStore } from './admin.ts'
import { COMMENT_COLUMNS, commentFromSql, type RawCommentRow, THREAD_COLUMNS } from './columns.ts'
import { migrate } from './migrate.ts'
import init from './migrations/001-init.sql?raw'
import moderation from './migrations/002-moderation.sql?raw'
import textHash from './migrations/003-text-hash.sql?raw'
import threadVersion from './migrations/004-thread-version.sql?raw'
import pagesVotes from './migrations/005-pages-votes.sql?raw'
import { sqliteNotificationStore } from './notifications.ts'
import { sqlitePageStore } from './pages.ts'
import { withTransactions } from './serialize.ts'

export const MIGRATIONS = [
  { version: 1, sql: init },
  { version: 2, sql: moderation },
  { version: 3, sql: textHash },
  { version: 4, sql: threadVersion },
  { version: 5, sql: pagesVotes },
]

/** The columns a patch may touch; anything else in a patch object is ignored, never interpolated. */
const PATCH_COLUMNS: Record<keyof CommentPatch, string> = {
  text: 'text',
  textHash: 'text_hash',
  html: 'html',
  name: 'name',
  email: 'email',
  website: 'website',
  avatar: 'avatar',
  status: 'status',
  editedAt: 'edited_at',
  notify: 'notify',
  visible: 'visible',
  up: 'up',
  down: 'down',
  bestRank: 'best_rank',
}

/** Opens (creating if needed) a SQLite database at `path` or ':memory:' and runs its migrations. */
export function createSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // FULL: an acknowledged comment survives power loss, not only a crash (docs/architecture.md).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  // Deleted content is overwritten with zeros, not left in free pages: an erased address
  // (erase.ts) must not survive in the file for whoever copies it later.
  db.pragma('secure_delete = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, MIGRATIONS)
  return withTransactions(db, {
    ...commentStore(db),
    ...sqlitePageStore(db),
    ...sqliteAdminStore(db),
    ...sqliteNotificationStore(db),
  })
}

function commentStore(db: Database.Database): CommentStore {
  const sql = statements(db)
  // Reads a written thread back: RETURNING would not show what later statements changed.
  const threadById = (id: number) => sql.findThreadById.get(id) as ThreadRow
  const findComment = (id: number) => {
    const raw = sql.findComment.get(id) as RawCommentRow | undefined
    return raw && commentFromSql(raw)
  }
  return {
    async findThread(uri) {
      return sql.findThread.get(uri) as ThreadRow | undefined
    },
    async findThreadById(id) {
      return sql.findThreadById.get(id) as ThreadRow | undefined
    },
    async upsertThread(uri, title, createdAt) {
      return threadById((sql.upsertThread.get({ uri, title, createdAt }) as ThreadRow).id)
    },
    async setThreadClosed(uri, closedAt, createdAt) {
      return threadById((sql.setThreadClosed.get({ uri, closedAt, createdAt }) as ThreadRow).id)
    },
    async listComments(threadId) {
      return (sql.listComments.all(threadId) as RawCommentRow[]).map(commentFromSql)
    },
    async findComment(id) {
      return findComment(id)
    },
    async insertComment(row) {
      const { lastInsertRowid } = sql.insertComment.run({
        ...row,
        isOwner: Number(row.isOwner),
        notify: Number(row.notify),
        visible: Number(row.visible),
      })
      return { ...row, id: Number(lastInsertRowid), up: 0, down: 0, bestRank: 0 }
    },
    async hasDuplicate(threadId, textHash, clientHash) {
      return sql.findDuplicate.get({ threadId, textHash, clientHash }) !== undefined
    },
    async hasPublished(author, exceptId = 0) {
      const found =
        'email' in author
          ? sql.publishedByEmail.get(author.email, exceptId)
          : sql.publishedByClient.get(author.clientHash, exceptId)
      return found !== undefined
    },
    async updateComment(id, patch) {
      const keys = Object.keys(patch).filter(
        (key): key is keyof CommentPatch =>
          Object.hasOwn(PATCH_COLUMNS, key) && patch[key as keyof CommentPatch] !== undefined,
      )
      if (keys.length > 0) {
        const sets = keys.map((key) => `${PATCH_COLUMNS[key]} = @${key}`)
        const values = Object.fromEntries(keys.map((key) => [key, sqlValue(patch[key])]))
        db.prepare(`UPDATE comments SET ${sets.join(', ')} WHERE id = @id`).run({ ...values, id })
      }
      return findComment(id)
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
    async pruneMeta(prefix, keep) {
      sql.pruneMeta.run({ prefix, keep: JSON.stringify(keep) })
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
    findThreadById: db.prepare(`SELECT ${THREAD_COLUMNS} FROM threads WHERE id = ?`),
    upsertThread: db.prepare(
      `INSERT INTO threads (uri, title, created_at) VALUES (@uri, @title, @createdAt)
       ON CONFLICT (uri) DO UPDATE SET title = coalesce(threads.title, excluded.title)
       RETURNING ${THREAD_COLUMNS}`,
    ),
    setThreadClosed: db.prepare(
      `INSERT INTO threads (uri, title, created_at, closed_at) VALUES (@uri, NULL, @createdAt, @closedAt)
       ON CONFLICT (uri) DO UPDATE SET closed_at = excluded.closed_at
       RETURNING ${THREAD_COLUMNS}`,
    ),
    listComments: db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.thread_id = ? ORDER BY c.created_at, c.id`,
    ),
    findComment: db.prepare(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.id = ?`),
    insertComment: db.prepare(
      `INSERT INTO comments (thread_id, parent_id, root_id, text, html, name, email, website,
         avatar, client_hash, token_hash, status, created_at, edited_at, is_owner, notify,
         text_hash, visible)
       VALUES (@threadId, @parentId, @rootId, @text, @html, @name, @email, @website,
         @avatar, @clientHash, @tokenHash, @status, @createdAt, @editedAt, @isOwner, @notify,
         @textHash, @visible)`,
    ),
    // One lookup in comments_thread_text_hash, then a check of the few rows it finds.
    findDuplicate: db.prepare(
      `SELECT 1 FROM comments WHERE thread_id = @threadId AND text_hash = @textHash
       AND (status = 'published' OR (client_hash = @clientHash AND status != 'deleted')) LIMIT 1`,
    ),
    publishedByEmail: db.prepare(
      `SELECT 1 FROM comments WHERE lower(email) = lower(?) AND email IS NOT NULL
       AND status = 'published' AND is_owner = 0 AND id != ? LIMIT 1`,
    ),
    publishedByClient: db.prepare(
      `SELECT 1 FROM comments WHERE client_hash = ? AND status = 'published' AND is_owner = 0
       AND id != ? LIMIT 1`,
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
    pruneMeta: db.prepare(
      `DELETE FROM meta WHERE substr(key, 1, length(@prefix)) = @prefix
       AND key NOT IN (SELECT value FROM json_each(@keep))`,
    ),
    ping: db.prepare('SELECT 1'),
  }
}

/** better-sqlite3 binds no booleans. */
function sqlValue(value: unknown): unknown {
  return typeof value === 'boolean' ? Number(value) : value
}
