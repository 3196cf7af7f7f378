import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from './migrate.ts'

const one = { version: 1, sql: 'CREATE TABLE a (x INTEGER);' }
const two = { version: 2, sql: 'ALTER TABLE a ADD COLUMN y TEXT;' }

describe('migrate', () => {
  it('applies missing migrations in order and records the version', () => {
    const db = new Database(':memory:')
    expect(migrate(db, [one])).toBe(1)
    expect(migrate(db, [one, two])).toBe(2)
    db.prepare('INSERT INTO a (x, y) VALUES (1, ?)').run('ok')
    expect(migrate(db, [one, two])).toBe(2)
    db.close()
  })

  it('rolls a failing migration back entirely', () => {
    const db = new Database(':memory:')
    migrate(db, [one])
    const broken = { version: 2, sql: 'CREATE TABLE b (x); CREATE TABLE a (x);' }
    expect(() => migrate(db, [one, broken])).toThrow(/already exists/)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0)
    db.close()
  })

  it('refuses a database made by a newer version', () => {
    const db = new Database(':memory:')
    migrate(db, [one, two])
    expect(() => migrate(db, [one])).toThrow(/newer than this Causerie/)
    db.close()
  })

  it('refuses migrations that are out of order', () => {
    const db = new Database(':memory:')
    expect(() => migrate(db, [two])).toThrow(/out of order/)
    db.close()
  })
})
