import { describe, expect, it } from 'vitest'
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
    expect(await seedDemo(store)).toBe(true)
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
    await seedDemo(store)
    expect(await seedDemo(store)).toBe(false)
    expect(await demoRows(store)).toHaveLength(3)
    await store.close()
  })

  it('completes a seed that was cut short without duplicating comments', async () => {
    const full = createSqliteStore(':memory:')
    await seedDemo(full)
    const [first] = await demoRows(full)
    // A crash after the first insert leaves one comment and no meta key.
    const partial = createSqliteStore(':memory:')
    const thread = await partial.upsertThread(DEMO_URI, null, 0)
    if (first) {
      const { id: _, ...row } = first
      await partial.insertComment({ ...row, threadId: thread.id })
    }
    expect(await seedDemo(partial)).toBe(true)
    const names = (await demoRows(partial)).map((row) => row.name)
    expect(names).toEqual(DEMO_COMMENTS.map((comment) => comment.name))
    await full.close()
    await partial.close()
  })

  it('touches no other thread', async () => {
    const store = createSqliteStore(':memory:')
    await seedDemo(store)
    expect(await store.findThread('/other')).toBeUndefined()
    expect(Object.fromEntries(await store.countPublished(['/', '/other']))).toEqual({ '/': 3 })
    await store.close()
  })
})
