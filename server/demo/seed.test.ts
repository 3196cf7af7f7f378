import { describe, expect, it, vi } from 'vitest'
import { createServerSecret } from '../services/server-secret.ts'
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts'
import { DEMO_COMMENTS } from './demo-comments.ts'
import { DEMO_TITLE, DEMO_URI, seedDemo } from './seed.ts'

async function demoRows(store: ReturnType<typeof createSqliteStore>) {
  const thread = await store.findThread(DEMO_URI)
  return thread ? store.listComments(thread.id) : []
}

describe('seedDemo', () => {
  it('seeds the three reader comments of the article, oldest first, in March 2012', async () => {
    const store = createSqliteStore(':memory:')
    expect(await seedDemo(store, createServerSecret(store))).toBe(true)
    expect((await store.findThread(DEMO_URI))?.title).toBe(DEMO_TITLE)
    const rows = await demoRows(store)
    expect(rows.map((row) => [row.name, row.website, row.email, row.parentId, row.status])).toEqual(
      [
        ['Vincent Abry', 'http://www.vincentabry.com/', null, null, 'published'],
        ['Steph', 'http://stephguerin.com/', null, null, 'published'],
        ['Christian', 'http://marketeur.biz/blogue/', null, null, 'published'],
      ],
    )
    for (const row of rows) expect(new Date(row.createdAt).toISOString()).toMatch(/^2012-03-/)
    expect(rows[0]?.html).toContain('largement.<br>\nUn sacré revers')
    expect(rows[1]?.text).toMatch(/experts 🙂$/)
    expect(rows[2]?.html.match(/<p>/g)).toHaveLength(8)
    expect(rows[2]?.text).toMatch(/deviendront vos clients\.\n\nChristian$/)
    await store.close()
  })

  it('seeds only once, even when run twice', async () => {
    const store = createSqliteStore(':memory:')
    await seedDemo(store, createServerSecret(store))
    expect(await seedDemo(store, createServerSecret(store))).toBe(false)
    expect(await demoRows(store)).toHaveLength(3)
    await store.close()
  })

  it('seeds all or nothing: a failure half-way leaves no comment, and the next start seeds all', async () => {
    const store = createSqliteStore(':memory:')
    const insert = store.insertComment
    let calls = 0
    // A disk that fills up after the first comment.
    vi.spyOn(store, 'insertComment').mockImplementation(async (row) => {
      calls += 1
      if (calls === 2) throw new Error('SQLITE_FULL')
      return insert(row)
    })
    await expect(seedDemo(store, createServerSecret(store))).rejects.toThrow('SQLITE_FULL')
    expect(await demoRows(store)).toEqual([])
    expect(await store.getMeta('demo_seeded')).toBeUndefined()
    vi.mocked(store.insertComment).mockRestore()
    expect(await seedDemo(store, createServerSecret(store))).toBe(true)
    const names = (await demoRows(store)).map((row) => row.name)
    expect(names).toEqual(DEMO_COMMENTS.map((comment) => comment.name))
    await store.close()
  })

  it('touches no other thread', async () => {
    const store = createSqliteStore(':memory:')
    await seedDemo(store, createServerSecret(store))
    expect(await store.findThread('/other')).toBeUndefined()
    expect(Object.fromEntries(await store.countPublished(['/', '/other']))).toEqual({ '/': 3 })
    await store.close()
  })
})
