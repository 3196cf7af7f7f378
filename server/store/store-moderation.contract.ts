import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commentRow } from './store.contract.ts'
import type { Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)
const DAY = 86_400_000

/** The behaviour of the admin and notification methods; run it once per Store implementation. */
export function describeModerationStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
): void {
  describe(`Store moderation contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    it('keeps the owner and notify flags of a comment, false by default', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const plain = await store.insertComment(commentRow(thread.id))
      const owner = await store.insertComment(
        commentRow(thread.id, { isOwner: true, notify: true }),
      )
      expect(await store.findComment(plain.id)).toMatchObject({ isOwner: false, notify: false })
      expect(await store.findComment(owner.id)).toMatchObject({ isOwner: true, notify: true })
      expect(await store.updateComment(plain.id, { notify: true })).toMatchObject({ notify: true })
    })

    it('closes and reopens a thread, creating it when needed', async () => {
      const closed = await store.setThreadClosed('/new', T0 + 5, T0)
      expect(closed).toMatchObject({ uri: '/new', title: null, closedAt: T0 + 5, createdAt: T0 })
      const titled = await store.upsertThread('/new', 'Title', T0 + 9)
      expect(titled).toMatchObject({ title: 'Title', closedAt: T0 + 5 })
      expect(await store.setThreadClosed('/new', null, T0 + 9)).toEqual({
        ...titled,
        closedAt: null,
      })
    })

    it('knows whether an author has a published comment, by email or by client', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      await store.insertComment(
        commentRow(thread.id, { email: 'Ann@X.example', status: 'pending' }),
      )
      expect(await store.hasPublished({ email: 'ann@x.example' })).toBe(false)
      await store.insertComment(commentRow(thread.id, { email: 'ann@x.EXAMPLE' }))
      expect(await store.hasPublished({ email: 'ANN@x.example' })).toBe(true)
      expect(await store.hasPublished({ clientHash: 'c'.repeat(64) })).toBe(true)
      expect(await store.hasPublished({ clientHash: 'd'.repeat(64) })).toBe(false)
      await store.insertComment(
        commentRow(thread.id, { isOwner: true, clientHash: 'f'.repeat(64) }),
      )
      expect(await store.hasPublished({ clientHash: 'f'.repeat(64) })).toBe(false)
    })

    it('leaves one comment aside when asked whether its author has another published', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const one = await store.insertComment(commentRow(thread.id, { email: 'bo@x.example' }))
      expect(await store.hasPublished({ email: 'bo@x.example' }, one.id)).toBe(false)
      expect(await store.hasPublished({ clientHash: 'c'.repeat(64) }, one.id)).toBe(false)
      const two = await store.insertComment(commentRow(thread.id, { email: 'bo@x.example' }))
      expect(await store.hasPublished({ email: 'BO@x.example' }, one.id)).toBe(true)
      expect(await store.hasPublished({ clientHash: 'c'.repeat(64) }, two.id)).toBe(true)
    })

    it('searches across threads by status, thread, text, email and client, with a cursor', async () => {
      const a = await store.upsertThread('/a', 'A', T0)
      const b = await store.upsertThread('/b-100%', null, T0)
      const one = await store.insertComment(
        commentRow(a.id, { text: 'about cats', status: 'pending' }),
      )
      const two = await store.insertComment(
        commentRow(b.id, { text: 'dogs', name: 'Bob', email: null }),
      )
      const three = await store.insertComment(
        commentRow(b.id, { text: '100% sure', status: 'pending', clientHash: 'e'.repeat(64) }),
      )
      const ids = async (query: Partial<Parameters<Store['searchComments']>[0]>) =>
        (await store.searchComments({ order: 'desc', limit: 50, ...query })).map((row) => row.id)
      expect(await ids({})).toEqual([three.id, two.id, one.id])
      expect(await ids({ order: 'asc', status: 'pending' })).toEqual([one.id, three.id])
      expect(await ids({ uri: '/a' })).toEqual([one.id])
      expect(await ids({ text: 'CATS' })).toEqual([one.id])
      expect(await ids({ text: 'bob' })).toEqual([two.id])
      expect(await ids({ text: '0%' })).toEqual([three.id, two.id])
      expect(await ids({ text: '_' })).toEqual([])
      expect(await ids({ email: 'ADA@example.com' })).toEqual([three.id, one.id])
      expect(await ids({ clientHash: 'e'.repeat(64) })).toEqual([three.id])
      expect(await ids({ limit: 1, cursor: three.id })).toEqual([two.id])
      expect(await ids({ order: 'asc', cursor: one.id })).toEqual([two.id, three.id])
      const [found] = await store.searchComments({ order: 'asc', limit: 1 })
      expect(found).toEqual({ ...one, uri: '/a', threadTitle: 'A' })
      expect(await store.findAdminComment(two.id)).toEqual({
        ...two,
        uri: '/b-100%',
        threadTitle: null,
      })
      expect(await store.findAdminComment(424242)).toBeUndefined()
    })

    it('counts comments by status, by day and by thread', async () => {
      const a = await store.upsertThread('/a', null, T0)
      const b = await store.upsertThread('/b', null, T0)
      await store.upsertThread('/empty', null, T0)
      await store.insertComment(commentRow(a.id, { createdAt: T0 - DAY }))
      await store.insertComment(commentRow(a.id, { createdAt: T0 + 5, status: 'spam' }))
      await store.insertComment(commentRow(b.id, { createdAt: T0 + DAY + 1, status: 'pending' }))
      await store.insertComment(commentRow(b.id, { createdAt: T0 + DAY + 2, status: 'deleted' }))
      expect(await store.countByStatus()).toEqual({ published: 1, pending: 1, spam: 1, deleted: 1 })
      const day = T0 / DAY
      expect(await store.countByDay(T0)).toEqual([
        { day, comments: 0, spam: 1 },
        { day: day + 1, comments: 2, spam: 0 },
      ])
      const threads = await store.listThreads(10, 0)
      expect(threads.map((thread) => [thread.uri, thread.lastCommentAt])).toEqual([
        ['/b', T0 + DAY + 2],
        ['/a', T0 + 5],
        ['/empty', null],
      ])
      expect(threads[0]?.counts).toEqual({ published: 0, pending: 1, spam: 0, deleted: 1 })
      expect((await store.listThreads(1, 1)).map((thread) => thread.uri)).toEqual(['/a'])
    })

    it('keeps sessions until they expire or end', async () => {
      await store.insertSession('h1', T0, T0 + 10)
      await store.insertSession('h2', T0, T0 + 20)
      expect(await store.findSessionExpiry('h1')).toBe(T0 + 10)
      await store.deleteExpiredSessions(T0 + 10)
      expect(await store.findSessionExpiry('h1')).toBeUndefined()
      expect(await store.findSessionExpiry('h2')).toBe(T0 + 20)
      await store.deleteSession('h2')
      expect(await store.findSessionExpiry('h2')).toBeUndefined()
    })

    it('queues, leases and records outbox items, once per dedupe key', async () => {
      await store.enqueue([
        { kind: 'mail', payload: '{"n":1}', createdAt: T0 },
        { kind: 'webhook', payload: '{"n":2}', createdAt: T0 + 1, dedupeKey: 'k' },
      ])
      await store.enqueue([{ kind: 'mail', payload: '{"n":3}', createdAt: T0 + 2, dedupeKey: 'k' }])
      expect((await store.listOutbox()).map((row) => row.payload)).toEqual(['{"n":1}', '{"n":2}'])
      const claimed = await store.claimOutbox(T0 + 1, T0 + 100, 10)
      expect(claimed.map((row) => [row.kind, row.attempts, row.nextAttemptAt])).toEqual([
        ['mail', 0, T0 + 100],
        ['webhook', 0, T0 + 100],
      ])
      expect(await store.claimOutbox(T0 + 99, T0 + 200, 10)).toEqual([])
      const [first, second] = claimed
      await store.updateOutbox(first?.id ?? 0, { sentAt: T0 + 3, attempts: 1 })
      await store.updateOutbox(second?.id ?? 0, {
        attempts: 1,
        lastError: 'down',
        nextAttemptAt: T0 + 50,
      })
      expect((await store.claimOutbox(T0 + 50, T0 + 60, 10)).map((row) => row.id)).toEqual([
        second?.id,
      ])
      await store.updateOutbox(second?.id ?? 0, { failedAt: T0 + 51, lastError: 'gave up' })
      expect(await store.claimOutbox(T0 + 1_000, T0 + 2_000, 10)).toEqual([])
      expect((await store.listOutbox())[1]).toMatchObject({
        lastError: 'gave up',
        failedAt: T0 + 51,
      })
      await store.pruneOutbox(T0 + 4)
      expect((await store.listOutbox()).map((row) => row.id)).toEqual([second?.id])
    })

    it('keeps subscribers and single-use nonces', async () => {
      expect(await store.findSubscriber('a@x.example')).toBeUndefined()
      const row = {
        email: 'a@x.example',
        status: 'pending' as const,
        confirmSentAt: T0,
        updatedAt: T0,
      }
      await store.saveSubscriber(row)
      await store.saveSubscriber({ ...row, status: 'confirmed', updatedAt: T0 + 1 })
      expect(await store.findSubscriber('a@x.example')).toEqual({
        ...row,
        status: 'confirmed',
        updatedAt: T0 + 1,
      })
      expect(await store.useLinkNonce('n1', T0)).toBe(true)
      expect(await store.useLinkNonce('n1', T0 + 1)).toBe(false)
      await store.pruneLinkNonces(T0 + 1)
      expect(await store.useLinkNonce('n1', T0 + 2)).toBe(true)
    })
  })
}
