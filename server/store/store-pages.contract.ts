import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { THREAD_SORTS, type ThreadSort } from '../contract.ts'
import { commentRow, replyRow } from './store.contract.ts'
import type { CommentRow, NewCommentRow, PublicCommentRow, RootCursor, Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)

const ids = (rows: readonly Pick<CommentRow, 'id'>[]) => rows.map((row) => row.id)
const cursorOf = ({ createdAt, id, bestRank }: PublicCommentRow): RootCursor => ({
  createdAt,
  id,
  bestRank,
})

/** Whether `a` comes before `b` in a page of top-level comments sorted by `sort`. */
function isBefore(sort: ThreadSort, a: PublicCommentRow, b: PublicCommentRow): boolean {
  const byTime = a.createdAt - b.createdAt || a.id - b.id
  if (sort === 'oldest') return byTime < 0
  if (sort === 'newest') return byTime > 0
  return a.bestRank > b.bestRank || (a.bestRank === b.bestRank && byTime < 0)
}

/** Pages of a thread: top-level comments in three orders, their replies, and counts. */
export function describeStorePagesContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store pages contract: ${name}`, () => {
    let store: Store
    let threadId: number
    beforeEach(async () => {
      store = await makeStore()
      threadId = (await store.upsertThread('/pages', null, T0)).id
    })
    afterEach(async () => {
      await store.close()
    })

    const insert = (overrides: Partial<NewCommentRow> = {}) =>
      store.insertComment(commentRow(threadId, overrides))
    /** Every top-level comment in `sort` order, read `limit` at a time. */
    async function readAll(sort: ThreadSort, limit: number): Promise<PublicCommentRow[][]> {
      const pages: PublicCommentRow[][] = []
      let after: RootCursor | undefined
      for (;;) {
        const page = await store.listRoots(threadId, sort, after, limit)
        expect(page.length).toBeLessThanOrEqual(limit)
        if (page.length === 0) return pages
        pages.push(page)
        after = cursorOf(page.at(-1) as PublicCommentRow)
      }
    }

    it('lists only the visible top-level comments of one thread', async () => {
      const other = await store.upsertThread('/other', null, T0)
      const published = await insert()
      const placeholder = await insert({ status: 'deleted', visible: true, createdAt: T0 + 1 })
      await insert({ status: 'deleted', visible: false })
      await insert({ status: 'pending' })
      await insert({ status: 'spam' })
      await store.insertComment(replyRow(published))
      await store.insertComment(commentRow(other.id))
      for (const sort of THREAD_SORTS) {
        expect(ids(await store.listRoots(threadId, sort, undefined, 10))).toEqual(
          sort === 'newest' ? [placeholder.id, published.id] : [published.id, placeholder.id],
        )
      }
      expect(await store.listRoots(424242, 'oldest', undefined, 10)).toEqual([])
    })

    it('reads the visible flag, not the status: hiding a comment takes it off the page', async () => {
      const row = await insert()
      await store.updateComment(row.id, { visible: false })
      expect(await store.listRoots(threadId, 'oldest', undefined, 10)).toEqual([])
      await store.updateComment(row.id, { status: 'deleted', visible: true })
      expect(ids(await store.listRoots(threadId, 'oldest', undefined, 10))).toEqual([row.id])
    })

    it('gives the public columns of a comment, and nothing private', async () => {
      const root = await insert({ editedAt: T0 + 4 })
      await store.updateComment(root.id, { up: 3, down: 1, bestRank: 0.25 })
      const reply = await store.insertComment(replyRow(root, { isOwner: true, createdAt: T0 + 3 }))
      const pick = (row: CommentRow): PublicCommentRow => ({
        id: row.id,
        parentId: row.parentId,
        html: row.html,
        name: row.name,
        website: row.website,
        avatar: row.avatar,
        status: row.status,
        createdAt: row.createdAt,
        editedAt: row.editedAt,
        isOwner: row.isOwner,
        up: row.up,
        down: row.down,
        bestRank: row.bestRank,
      })
      expect(await store.listRoots(threadId, 'best', undefined, 10)).toEqual([
        { ...pick(root), up: 3, down: 1, bestRank: 0.25 },
      ])
      // toEqual would pass with extra keys set to undefined; a private column must be absent.
      const [listed] = await store.listReplies(root.id, undefined, 10)
      expect(Object.keys(listed ?? {}).sort()).toEqual(Object.keys(pick(reply)).sort())
      expect(listed).toEqual(pick(reply))
    })

    it.each(THREAD_SORTS)(
      'pages %s with a cursor, ties included, each comment once',
      async (sort) => {
        // Inserted out of time order, with equal times and ranks, so that no key alone orders them.
        const plan = [
          [T0 + 2, 0.5],
          [T0, 0.5],
          [T0 + 1, 0],
          [T0, 0.9],
          [T0 + 1, 0.5],
          [T0, 0],
          [T0 + 2, 0.9],
          [T0 + 1, 0.5],
        ] as const
        for (const [createdAt, bestRank] of plan) {
          const row = await insert({ createdAt })
          await store.updateComment(row.id, { bestRank })
        }
        const all = await store.listRoots(threadId, sort, undefined, 100)
        expect(all).toHaveLength(plan.length)
        for (let n = 1; n < all.length; n++) {
          expect(isBefore(sort, all[n - 1] as PublicCommentRow, all[n] as PublicCommentRow)).toBe(
            true,
          )
        }
        for (const limit of [1, 2, 3, 8]) {
          const pages = await readAll(sort, limit)
          expect(pages.map((page) => page.length)).toEqual(
            Array.from({ length: Math.ceil(plan.length / limit) }, (_, n) =>
              Math.min(limit, plan.length - n * limit),
            ),
          )
          expect(ids(pages.flat())).toEqual(ids(all))
        }
      },
    )

    it('orders best by rank, then oldest first among equal ranks', async () => {
      const a = await insert({ createdAt: T0 + 3 })
      const b = await insert({ createdAt: T0 + 1 })
      const c = await insert({ createdAt: T0 + 1 })
      const d = await insert({ createdAt: T0 })
      await store.updateComment(a.id, { bestRank: 0.7 })
      await store.updateComment(c.id, { bestRank: 0.2 })
      await store.updateComment(b.id, { bestRank: 0.2 })
      expect(ids(await store.listRoots(threadId, 'best', undefined, 10))).toEqual([
        a.id,
        b.id,
        c.id,
        d.id,
      ])
    })

    it.each(THREAD_SORTS)(
      'continues %s exactly when comments arrive between two page reads',
      async (sort) => {
        const first = []
        for (const createdAt of [T0, T0, T0 + 1, T0 + 1, T0 + 2])
          first.push(await insert({ createdAt }))
        const page1 = await store.listRoots(threadId, sort, undefined, 2)
        const cursor = cursorOf(page1.at(-1) as PublicCommentRow)
        // New comments at the cursor's own time, before it and after it, with its rank.
        for (const createdAt of [cursor.createdAt, cursor.createdAt - 1, T0 + 1, T0 + 5]) {
          await insert({ createdAt })
        }
        const rest: PublicCommentRow[] = []
        let after: RootCursor | undefined = cursor
        for (;;) {
          const page = await store.listRoots(threadId, sort, after, 2)
          if (page.length === 0) break
          rest.push(...page)
          after = cursorOf(page.at(-1) as PublicCommentRow)
        }
        const read = [...page1, ...rest]
        // Nothing repeated, nothing that was there before lost, and the whole read in order.
        expect(new Set(ids(read)).size).toBe(read.length)
        expect(ids(read)).toEqual(expect.arrayContaining(ids(first)))
        for (let n = 1; n < read.length; n++) {
          expect(isBefore(sort, read[n - 1] as PublicCommentRow, read[n] as PublicCommentRow)).toBe(
            true,
          )
        }
        // What arrived after the cursor's place is read; what sorts before it belongs to pages
        // already read, and a reader reloading sees it.
        const everything = await store.listRoots(threadId, sort, undefined, 100)
        const afterCursor = everything.filter((row) =>
          isBefore(sort, page1.at(-1) as PublicCommentRow, row),
        )
        expect(ids(rest)).toEqual(ids(afterCursor))
      },
    )

    it('lists the replies below a top-level comment at every depth, oldest first', async () => {
      const root = await insert()
      const otherRoot = await insert()
      const r1 = await store.insertComment(replyRow(root, { createdAt: T0 + 1 }))
      const r2 = await store.insertComment(replyRow(r1, { createdAt: T0 + 2 }))
      const r3 = await store.insertComment(replyRow(root, { createdAt: T0 + 3 }))
      const r4 = await store.insertComment(replyRow(r2, { createdAt: T0 + 4 }))
      // Same time as r3: after it, by id.
      const r5 = await store.insertComment(replyRow(r2, { createdAt: T0 + 3 }))
      const placeholder = await store.insertComment(
        replyRow(r3, { createdAt: T0 + 5, status: 'deleted', visible: true }),
      )
      const below = await store.insertComment(replyRow(placeholder, { createdAt: T0 + 6 }))
      await store.insertComment(replyRow(r1, { status: 'pending' }))
      await store.insertComment(replyRow(r1, { status: 'deleted', visible: false }))
      await store.insertComment(replyRow(otherRoot))
      const all = await store.listReplies(root.id, undefined, 100)
      expect(ids(all)).toEqual([r1.id, r2.id, r3.id, r5.id, r4.id, placeholder.id, below.id])
      const paged = []
      let page = await store.listReplies(root.id, undefined, 3)
      while (page.length > 0) {
        expect(page.length).toBeLessThanOrEqual(3)
        paged.push(...page)
        const last = page.at(-1) as PublicCommentRow
        page = await store.listReplies(root.id, { createdAt: last.createdAt, id: last.id }, 3)
      }
      expect(ids(paged)).toEqual(ids(all))
      // Replies are listed below their top-level comment only, never below a reply.
      expect(await store.listReplies(r1.id, undefined, 100)).toEqual([])
      expect(await store.listReplies(424242, undefined, 100)).toEqual([])
    })

    it('counts the visible replies below each top-level comment', async () => {
      const root = await insert()
      const quiet = await insert()
      const held = await insert()
      const reply = await store.insertComment(replyRow(root))
      await store.insertComment(replyRow(reply))
      await store.insertComment(replyRow(reply, { status: 'deleted', visible: true }))
      await store.insertComment(replyRow(root, { status: 'pending' }))
      await store.insertComment(replyRow(root, { status: 'spam' }))
      await store.insertComment(replyRow(held, { status: 'deleted', visible: false }))
      const counts = await store.countReplies([root.id, quiet.id, held.id, 424242])
      expect(Object.fromEntries(counts)).toEqual({ [root.id]: 3 })
      expect((await store.countReplies([])).size).toBe(0)
    })

    it('knows whether a comment has a visible reply directly below it', async () => {
      const root = await insert()
      const child = await store.insertComment(replyRow(root, { status: 'pending' }))
      expect(await store.hasVisibleChild(root.id)).toBe(false)
      await store.insertComment(replyRow(child))
      // A visible grandchild is not a visible child: the services walk up one level at a time.
      expect(await store.hasVisibleChild(root.id)).toBe(false)
      expect(await store.hasVisibleChild(child.id)).toBe(true)
      await store.updateComment(child.id, { status: 'deleted', visible: true })
      expect(await store.hasVisibleChild(root.id)).toBe(true)
      expect(await store.hasVisibleChild(424242)).toBe(false)
    })
  })
}
