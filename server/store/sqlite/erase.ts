import type Database from 'better-sqlite3'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import type { ErasedCounts } from '../store.ts'

/** The meta key the blocklist service keeps its JSON under (services/blocklist.ts). */
const BLOCKLIST_KEY = 'blocklist'

/**
 * Erases everything tied to an address in one transaction: see Store.eraseEmail. Runs
 * synchronously inside better-sqlite3's transaction, so a crash leaves all of it or none.
 */
export function sqliteEraseEmail(db: Database.Database): (email: string) => ErasedCounts {
  const sql = statements(db)
  const erase = db.transaction((email: string): ErasedCounts => {
    const lowered = email.toLowerCase()
    const ids = JSON.stringify(sql.commentIds.all(email))
    const comments = sql.wipeComments.run({ ids, emptyHash: duplicateHash('') }).changes
    // Leaves first: a wiped comment goes once no reply hangs below it; one with replies
    // from others stays as the usual placeholder, so their thread keeps its shape.
    let deleted: number
    do {
      deleted = sql.deleteLeaves.run(ids).changes
    } while (deleted > 0)
    const subscriptions = sql.deleteSubscriber.run(lowered).changes
    const pattern = addressPattern(email)
    let mails = 0
    for (const row of sql.outboxMentions.all(email) as { id: number; payload: string }[]) {
      if (pattern.test(row.payload)) mails += sql.deleteOutbox.run(row.id).changes
    }
    return { comments, subscriptions, mails, bans: unban(sql, lowered) }
  })
  return (email) => {
    const counts = erase.immediate(email)
    // The WAL still holds the pages as they were; copy them into the file (where secure_delete
    // zeroed the old content) and empty it. Best effort: a busy reader only delays it.
    db.pragma('wal_checkpoint(TRUNCATE)')
    return counts
  }
}

/** Removes the address from the blocklist's emails; a ban would keep the address stored. */
function unban(sql: ReturnType<typeof statements>, lowered: string): number {
  const raw = sql.getMeta.get(BLOCKLIST_KEY) as string | undefined
  if (raw === undefined) return 0
  const list = JSON.parse(raw) as { emails?: string[] }
  const emails = list.emails ?? []
  const kept = emails.filter((entry) => entry.toLowerCase() !== lowered)
  if (kept.length === emails.length) return 0
  sql.setMeta.run(JSON.stringify({ ...list, emails: kept }), BLOCKLIST_KEY)
  return emails.length - kept.length
}

/** The address as a whole word in a queued payload: erasing a@x.example spares ba@x.example. */
function addressPattern(email: string): RegExp {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}._%+-])${escaped}(?![\\p{L}\\p{N}.-])`, 'iu')
}

function statements(db: Database.Database) {
  return {
    commentIds: db
      .prepare('SELECT id FROM comments WHERE email IS NOT NULL AND lower(email) = lower(?)')
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
      'SELECT id, payload FROM outbox WHERE instr(lower(payload), lower(?)) > 0',
    ),
    deleteOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('UPDATE meta SET value = ? WHERE key = ?'),
  }
}
