import type { Config } from '../config.ts'
import { duplicateHash } from '../lib/duplicate-key.ts'
import { createSqliteStore } from './sqlite/sqlite-store.ts'
import type { Store } from './store.ts'

/** Rows hashed per transaction while filling text hashes, so memory stays small on a large file. */
const FILL_BATCH = 500

/**
 * Opens the store that DATABASE_URL names, brings its schema up to date, and fills what the
 * migrations could not compute in SQL. The one place that knows which store implementations
 * exist: a PostgreSQL store is one more branch here.
 */
export async function openStore(database: Config['database']): Promise<Store> {
  const store = createSqliteStore(database.path)
  await fillTextHashes(store)
  return store
}

/**
 * Hashes the texts stored before migration 003 (SQL cannot normalise NFKC). Once done, the
 * query finds nothing: every comment stored since gets its hash with its text.
 */
export async function fillTextHashes(store: Store): Promise<void> {
  let filled: number
  do {
    filled = await store.transaction(async (tx) => {
      const rows = await tx.listUnhashedTexts(FILL_BATCH)
      for (const row of rows) await tx.updateComment(row.id, { textHash: duplicateHash(row.text) })
      return rows.length
    })
  } while (filled === FILL_BATCH)
}
