import type Database from 'better-sqlite3'
import type { NotificationStore, OutboxPatch, OutboxRow, SubscriberRow } from '../store.ts'

const OUTBOX_COLUMNS = `id, kind, payload, dedupe_key AS dedupeKey, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, sent_at AS sentAt,
  failed_at AS failedAt, created_at AS createdAt`

/** The columns an outbox patch may touch; anything else is ignored, never interpolated. */
const OUTBOX_PATCH_COLUMNS: Record<keyof OutboxPatch, string> = {
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  sentAt: 'sent_at',
  failedAt: 'failed_at',
}

/** The notification side of the SQLite store: the outbox, subscribers and used link nonces. */
export function sqliteNotificationStore(db: Database.Database): NotificationStore {
  const sql = statements(db)
  const enqueue = db.transaction((items: Parameters<NotificationStore['enqueue']>[0]) => {
    for (const item of items) sql.enqueue.run({ ...item, dedupeKey: item.dedupeKey ?? null })
  })
  const claim = db.transaction((now: number, leaseUntil: number, limit: number) => {
    const rows = sql.due.all(now, limit) as OutboxRow[]
    for (const row of rows) sql.lease.run(leaseUntil, row.id)
    return rows.map((row) => ({ ...row, nextAttemptAt: leaseUntil }))
  })
  return {
    async enqueue(items) {
      enqueue(items)
    },
    async claimOutbox(now, leaseUntil, limit) {
      // IMMEDIATE: two workers on one database cannot both read the same due rows.
      return claim.immediate(now, leaseUntil, limit)
    },
    async updateOutbox(id, patch) {
      const keys = (Object.keys(patch) as (keyof OutboxPatch)[]).filter(
        (key) => Object.hasOwn(OUTBOX_PATCH_COLUMNS, key) && patch[key] !== undefined,
      )
      if (keys.length === 0) return
      const sets = keys.map((key) => `${OUTBOX_PATCH_COLUMNS[key]} = @${key}`).join(', ')
      const values = Object.fromEntries(keys.map((key) => [key, patch[key]]))
      db.prepare(`UPDATE outbox SET ${sets} WHERE id = @id`).run({ ...values, id })
    },
    async listOutbox() {
      return sql.listOutbox.all() as OutboxRow[]
    },
    async pruneOutbox(before) {
      sql.pruneOutbox.run(before, before)
    },
    async findSubscriber(email) {
      return sql.findSubscriber.get(email) as SubscriberRow | undefined
    },
    async saveSubscriber(row) {
      sql.saveSubscriber.run(row)
    },
    async useLinkNonce(nonce, usedAt) {
      return sql.useLinkNonce.run(nonce, usedAt).changes === 1
    },
    async pruneLinkNonces(before) {
      sql.pruneLinkNonces.run(before)
    },
  }
}

function statements(db: Database.Database) {
  return {
    enqueue: db.prepare(
      `INSERT INTO outbox (kind, payload, dedupe_key, next_attempt_at, created_at)
       VALUES (@kind, @payload, @dedupeKey, @createdAt, @createdAt)
       ON CONFLICT (dedupe_key) DO NOTHING`,
    ),
    due: db.prepare(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    lease: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?'),
    listOutbox: db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY id`),
    pruneOutbox: db.prepare('DELETE FROM outbox WHERE sent_at < ? OR failed_at < ?'),
    findSubscriber: db.prepare(
      `SELECT email, status, confirm_sent_at AS confirmSentAt, updated_at AS updatedAt
       FROM subscribers WHERE email = ?`,
    ),
    saveSubscriber: db.prepare(
      `INSERT INTO subscribers (email, status, confirm_sent_at, updated_at)
       VALUES (@email, @status, @confirmSentAt, @updatedAt)
       ON CONFLICT (email) DO UPDATE SET status = excluded.status,
         confirm_sent_at = excluded.confirm_sent_at, updated_at = excluded.updated_at`,
    ),
    useLinkNonce: db.prepare(
      'INSERT INTO used_links (nonce, used_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING',
    ),
    pruneLinkNonces: db.prepare('DELETE FROM used_links WHERE used_at < ?'),
  }
}
