import type Database from 'better-sqlite3'
import type { ThreadSort } from '../../contract.ts'
import type { BlocklistRow, PageStore, RootCursor, VoteRow } from '../store.ts'
import { PUBLIC_COMMENT_COLUMNS, publicFromSql, type RawPublicRow } from './columns.ts'

/**
 * Where a first page starts: before every comment. Times are epoch ms and ids positive, and a
 * best rank is at most 1, so these sort before any real row in each order.
 */
const FIRST: Record<ThreadSort, RootCursor> = {
  oldest: { createdAt: Number.MIN_SAFE_INTEGER, id: 0, bestRank: 0 },
  newest: { createdAt: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER, bestRank: 0 },
  best: { createdAt: Number.MIN_SAFE_INTEGER, id: 0, bestRank: 2 },
}

/**
 * Pages of a thread, votes and the blocklist. Every page is one walk of a partial index
 * (migration 005) from the cursor on, so its cost does not grow with the thread.
 */
export function sqlitePageStore(db: Database.Database): PageStore {
  const sql = statements(db)
  return {
    async bumpThreadVersion(threadId) {
      sql.bumpVersion.run(threadId)
    },
    async countThreadPublished(threadId) {
      return sql.countThreadPublished.get(threadId) as number
    },
    async listRoots(threadId, sort, after, limit) {
      const cursor = after ?? FIRST[sort]
      const rows = sql.roots[sort].all({ threadId, limit, ...cursor }) as RawPublicRow[]
      return rows.map(publicFromSql)
    },
    async listReplies(rootId, after, limit) {
      const cursor = after ?? FIRST.oldest
      const rows = sql.replies.all({ rootId, limit, ...cursor }) as RawPublicRow[]
      return rows.map(publicFromSql)
    },
    async countReplies(rootIds) {
      const rows = sql.countReplies.all(JSON.stringify(rootIds)) as { id: number; total: number }[]
      return new Map(rows.map((row) => [row.id, row.total]))
    },
    async hasVisibleChild(id) {
      return sql.visibleChild.get(id) !== undefined
    },
    async findVote(commentId, voterHash, clientHashes) {
      return sql.findVote.get({
        commentId,
        voterHash,
        clients: JSON.stringify(clientHashes),
      }) as VoteRow | undefined
    },
    async saveVote(row, replaces) {
      if (replaces !== undefined && replaces !== row.voterHash) {
        sql.deleteVote.run(row.commentId, replaces)
      }
      sql.saveVote.run(row)
    },
    async deleteVote(commentId, voterHash) {
      sql.deleteVote.run(commentId, voterHash)
    },
    async listBlocklist() {
      return sql.listBlocklist.all() as BlocklistRow[]
    },
    async addBlocklistEntry(row) {
      sql.addBlocklistEntry.run(row)
    },
    async deleteBlocklistEntry(row) {
      return sql.deleteBlocklistEntry.run(row).changes
    },
    async clearBlocklist() {
      sql.clearBlocklist.run()
    },
    async listUnhashedTexts(limit) {
      return sql.unhashedTexts.all(limit) as { id: number; text: string }[]
    },
  }
}

function statements(db: Database.Database) {
  // The WHERE of the partial indexes, restated so that the planner can use them.
  const roots = `SELECT ${PUBLIC_COMMENT_COLUMNS} FROM comments c
    WHERE c.thread_id = @threadId AND c.parent_id IS NULL AND c.visible = 1`
  return {
    bumpVersion: db.prepare('UPDATE threads SET version = version + 1 WHERE id = ?'),
    countThreadPublished: db
      .prepare(`SELECT count(*) FROM comments WHERE thread_id = ? AND status = 'published'`)
      .pluck(),
    roots: {
      oldest: db.prepare(
        `${roots} AND (c.created_at, c.id) > (@createdAt, @id)
         ORDER BY c.created_at, c.id LIMIT @limit`,
      ),
      newest: db.prepare(
        `${roots} AND (c.created_at, c.id) < (@createdAt, @id)
         ORDER BY c.created_at DESC, c.id DESC LIMIT @limit`,
      ),
      best: db.prepare(
        `${roots} AND (c.best_rank < @bestRank
           OR (c.best_rank = @bestRank AND (c.created_at, c.id) > (@createdAt, @id)))
         ORDER BY c.best_rank DESC, c.created_at, c.id LIMIT @limit`,
      ),
    },
    replies: db.prepare(
      `SELECT ${PUBLIC_COMMENT_COLUMNS} FROM comments c
       WHERE c.root_id = @rootId AND c.parent_id IS NOT NULL AND c.visible = 1
       AND (c.created_at, c.id) > (@createdAt, @id)
       ORDER BY c.created_at, c.id LIMIT @limit`,
    ),
    countReplies: db.prepare(
      `SELECT root_id AS id, count(*) AS total FROM comments
       WHERE root_id IN (SELECT value FROM json_each(?)) AND parent_id IS NOT NULL AND visible = 1
       GROUP BY root_id`,
    ),
    visibleChild: db.prepare('SELECT 1 FROM comments WHERE parent_id = ? AND visible = 1 LIMIT 1'),
    findVote: db.prepare(
      `SELECT comment_id AS commentId, voter_hash AS voterHash, client_hash AS clientHash,
         value, created_at AS createdAt
       FROM votes WHERE comment_id = @commentId
       AND (voter_hash = @voterHash OR client_hash IN (SELECT value FROM json_each(@clients)))
       ORDER BY voter_hash = @voterHash DESC LIMIT 1`,
    ),
    saveVote: db.prepare(
      `INSERT INTO votes (comment_id, voter_hash, client_hash, value, created_at)
       VALUES (@commentId, @voterHash, @clientHash, @value, @createdAt)
       ON CONFLICT (comment_id, voter_hash) DO UPDATE
       SET client_hash = excluded.client_hash, value = excluded.value`,
    ),
    deleteVote: db.prepare('DELETE FROM votes WHERE comment_id = ? AND voter_hash = ?'),
    listBlocklist: db.prepare('SELECT kind, value FROM blocklist ORDER BY rowid'),
    addBlocklistEntry: db.prepare(
      'INSERT INTO blocklist (kind, value) VALUES (@kind, @value) ON CONFLICT DO NOTHING',
    ),
    deleteBlocklistEntry: db.prepare('DELETE FROM blocklist WHERE kind = @kind AND value = @value'),
    clearBlocklist: db.prepare('DELETE FROM blocklist'),
    unhashedTexts: db.prepare('SELECT id, text FROM comments WHERE text_hash IS NULL LIMIT ?'),
  }
}
