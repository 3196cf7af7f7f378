import type { Database } from 'better-sqlite3'

export interface Migration {
  /** 1, 2, 3… in order; recorded in PRAGMA user_version once applied. */
  version: number
  sql: string
}

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.version} is out of order; expected ${index + 1}.`)
    }
  })
  const latest = migrations.length
  const current = version(db)
  if (current > latest) {
    throw new Error(
      `The database has schema version ${current}, newer than this Causerie (${latest}). Upgrade Causerie.`,
    )
  }
  for (const migration of migrations.slice(current)) {
    // IMMEDIATE takes the write lock first, so a second process starting at the same time
    // waits, then sees the new version and skips the migration.
    db.transaction(() => {
      if (version(db) >= migration.version) return
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  return version(db)
}

function version(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}
