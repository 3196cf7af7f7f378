import type Database from 'better-sqlite3'
import type { ErasedCounts } from '../store.ts'

/**
 * Erases everything tied to an address: see Store.eraseEmail. Runs synchronously, so inside the
 * caller's transaction it is all or nothing.
 */
export function sqliteEraseEmail(
  db: Database.Database,
): (email: string, emptyTextHash: string) => ErasedCounts {
  // SQLite's lower() folds ASCII only: Zoë@x.example would escape an erasure of ZOË@x.example.
  // JavaScript's folds every letter, as the services do; an erasure is rare enough to scan.
  db.function('unicode_lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  const sql = statements(db)
  return (email, emptyTextHash) => {
    const lowered = email.toLowerCase()
    const found = sql.commentsOf.all(lowered) as {
      id: number
      threadId: number
      parentId: number | null
    }[]
    const ids = JSON.stringify(found.map((row) => row.id))
    const comments = sql.wipeComments.run({ ids, emptyHash: emptyTextHash }).changes
    // Leaves first: a wiped comment goes once no reply hangs below it; one with replies
    // from others stays as the usual placeholder, so their thread keeps its shape.
    let deleted: number
    do {
      deleted = sql.deleteLeaves.run(ids).changes
    } while (deleted > 0)
    const remaining = new Set(sql.existing.all(ids) as number[])
    const touched = new Set<number>()
    for (const row of found) {
      if (remaining.has(row.id)) touched.add(row.id)
      else if (row.parentId !== null) touched.add(row.parentId)
    }
    const subscriptions = sql.deleteSubscriber.run(lowered).changes
    const pattern = addressPattern(email)
    let mails = 0
    for (const row of sql.outboxMentions.all(lowered) as { id: number; payload: string }[]) {
      if (pattern.test(row.payload)) mails += sql.deleteOutbox.run(row.id).changes
    }
    // A ban would keep the address stored; domain entries name no one and stay.
    const bans = sql.unban.run(lowered).changes
    return {
      comments,
      subscriptions,
      mails,
      bans,
      touched: {
        commentIds: [...touched],
        threadIds: [...new Set(found.map((row) => row.threadId))],
      },
    }
  }
}

/** The address as a whole word in a queued payload: erasing a@x.example spares ba@x.example. */
function addressPattern(email: string): RegExp {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}._%+-])${escaped}(?![\\p{L}\\p{N}.-])`, 'iu')
}

function statements(db: Database.Database) {
  return {
    commentsOf: db.prepare(
      `SELECT id, thread_id AS threadId, parent_id AS parentId FROM comments
       WHERE email IS NOT NULL AND unicode_lower(email) = ?`,
    ),
    existing: db
      .prepare('SELECT id FROM comments WHERE id IN (SELECT value FROM json_each(?))')
      .pluck(),
    wipeComments: db.prepare(
      `UPDATE comments SET text = '', html = '', name = '', email = NULL, website = NULL,
         avatar = '', client_hash = '', notify = 0, status = 'deleted', text_hash = @emptyHash
       WHERE id IN (SELECT value FROM json_each(@ids))`,
    ),
    deleteLeaves: db.prepare(
      `DELETE FROM comments WHERE id IN (SELECT value FROM json_each(?))
       AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = comments.id)`,
    ),
    deleteSubscriber: db.prepare('DELETE FROM subscribers WHERE email = ?'),
    // A coarse, ASCII-case-insensitive filter; addressPattern decides.
    outboxMentions: db.prepare(
      'SELECT id, payload FROM outbox WHERE instr(unicode_lower(payload), ?) > 0',
    ),
    deleteOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
    unban: db.prepare(`DELETE FROM blocklist WHERE kind = 'email' AND value = ?`),
  }
}
