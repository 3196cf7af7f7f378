import type Database from 'better-sqlite3'
import type { CommentStatus } from '../../contract.ts'
import type {
  AdminCommentRow,
  AdminStore,
  CommentQuery,
  DayCountRow,
  StatusCountRow,
  ThreadRow,
  ThreadSummaryRow,
} from '../store.ts'
import { COMMENT_COLUMNS, commentFromSql, THREAD_COLUMNS } from './columns.ts'
import { sqliteEraseEmail } from './erase.ts'

const DAY_MS = 86_400_000
const STATUSES: readonly CommentStatus[] = ['published', 'pending', 'spam', 'deleted']

const ADMIN_COLUMNS = `${COMMENT_COLUMNS}, t.uri, t.title AS threadTitle`

type RawAdminRow = Omit<AdminCommentRow, 'isOwner' | 'notify' | 'visible'> & {
  isOwner: number
  notify: number
  visible: number
}

/** The admin's side of the SQLite store: searches, counts and sessions. */
export function sqliteAdminStore(db: Database.Database): AdminStore {
  const sql = statements(db)
  const eraseEmail = sqliteEraseEmail(db)
  return {
    async searchComments(query) {
      const { where, values } = conditions(query)
      const order = query.order === 'asc' ? 'ASC' : 'DESC'
      const rows = db
        .prepare(
          `SELECT ${ADMIN_COLUMNS} FROM comments c JOIN threads t ON t.id = c.thread_id
           ${where} ORDER BY c.id ${order} LIMIT @limit`,
        )
        .all({ ...values, limit: query.limit }) as RawAdminRow[]
      return rows.map(commentFromSql)
    },
    async findAdminComment(id) {
      const raw = sql.findAdminComment.get(id) as RawAdminRow | undefined
      return raw && commentFromSql(raw)
    },
    async countByStatus() {
      return statusCounts(sql.countByStatus.all() as { status: CommentStatus; total: number }[])
    },
    async countByDay(since) {
      return sql.countByDay.all({ since, dayMs: DAY_MS }) as DayCountRow[]
    },
    async listThreads(limit, offset) {
      const threads = sql.listThreads.all({ limit, offset }) as (ThreadRow & {
        lastCommentAt: number | null
      })[]
      const counts = sql.threadCounts.all(JSON.stringify(threads.map((thread) => thread.id))) as {
        threadId: number
        status: CommentStatus
        total: number
      }[]
      return threads.map(
        (thread): ThreadSummaryRow => ({
          ...thread,
          counts: statusCounts(counts.filter((count) => count.threadId === thread.id)),
        }),
      )
    },
    async insertSession(idHash, createdAt, expiresAt) {
      sql.insertSession.run(idHash, createdAt, expiresAt)
    },
    async findSessionExpiry(idHash) {
      return sql.findSessionExpiry.get(idHash) as number | undefined
    },
    async deleteSession(idHash) {
      sql.deleteSession.run(idHash)
    },
    async deleteExpiredSessions(now) {
      sql.deleteExpiredSessions.run(now)
    },
    async findThreadSummary(threadId) {
      const thread = sql.threadSummary.get(threadId) as
        | (ThreadRow & { lastCommentAt: number | null })
        | undefined
      if (!thread) return undefined
      const counts = sql.threadCounts.all(JSON.stringify([threadId])) as {
        status: CommentStatus
        total: number
      }[]
      return { ...thread, counts: statusCounts(counts) }
    },
    async eraseEmail(email, emptyTextHash) {
      return eraseEmail(email, emptyTextHash)
    },
    async flushErasure() {
      // The WAL still holds the pages as they were; copy them into the file (where
      // secure_delete zeroed the old content) and empty it. Best effort: a busy reader only
      // delays it.
      db.pragma('wal_checkpoint(TRUNCATE)')
    },
  }
}

/** The WHERE clause of a search, with named parameters only: no value is ever interpolated. */
function conditions(query: CommentQuery): { where: string; values: Record<string, unknown> } {
  const clauses: string[] = []
  const values: Record<string, unknown> = {}
  if (query.status !== undefined) {
    clauses.push('c.status = @status')
    values.status = query.status
  }
  if (query.uri !== undefined) {
    clauses.push('t.uri = @uri')
    values.uri = query.uri
  }
  if (query.email !== undefined) {
    clauses.push('lower(c.email) = lower(@email) AND c.email IS NOT NULL')
    values.email = query.email
  }
  if (query.clientHash !== undefined) {
    clauses.push('c.client_hash = @clientHash')
    values.clientHash = query.clientHash
  }
  if (query.text !== undefined) {
    clauses.push(
      `(c.text LIKE @like ESCAPE '\\' OR c.name LIKE @like ESCAPE '\\'
        OR c.email LIKE @like ESCAPE '\\' OR t.uri LIKE @like ESCAPE '\\')`,
    )
    values.like = `%${query.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  }
  if (query.cursor !== undefined) {
    clauses.push(query.order === 'asc' ? 'c.id > @cursor' : 'c.id < @cursor')
    values.cursor = query.cursor
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values }
}

function statusCounts(rows: readonly { status: CommentStatus; total: number }[]): StatusCountRow {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusCountRow
  for (const row of rows) counts[row.status] += row.total
  return counts
}

function statements(db: Database.Database) {
  return {
    findAdminComment: db.prepare(
      `SELECT ${ADMIN_COLUMNS} FROM comments c JOIN threads t ON t.id = c.thread_id WHERE c.id = ?`,
    ),
    countByStatus: db.prepare('SELECT status, count(*) AS total FROM comments GROUP BY status'),
    countByDay: db.prepare(
      `SELECT CAST(created_at / @dayMs AS INTEGER) AS day, sum(status <> 'spam') AS comments,
         sum(status = 'spam') AS spam
       FROM comments WHERE created_at >= @since GROUP BY day ORDER BY day`,
    ),
    listThreads: db.prepare(
      `SELECT ${qualified('t')}, max(c.created_at) AS lastCommentAt
       FROM threads t LEFT JOIN comments c ON c.thread_id = t.id
       GROUP BY t.id ORDER BY lastCommentAt IS NULL, lastCommentAt DESC, t.id DESC
       LIMIT @limit OFFSET @offset`,
    ),
    threadSummary: db.prepare(
      `SELECT ${qualified('t')},
         (SELECT max(c.created_at) FROM comments c WHERE c.thread_id = t.id) AS lastCommentAt
       FROM threads t WHERE t.id = ?`,
    ),
    threadCounts: db.prepare(
      `SELECT thread_id AS threadId, status, count(*) AS total FROM comments
       WHERE thread_id IN (SELECT value FROM json_each(?)) GROUP BY thread_id, status`,
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (id_hash, created_at, expires_at) VALUES (?, ?, ?)',
    ),
    findSessionExpiry: db.prepare('SELECT expires_at FROM sessions WHERE id_hash = ?').pluck(),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
  }
}

/** THREAD_COLUMNS with a table alias, for joins. */
function qualified(alias: string): string {
  return THREAD_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ')
}
