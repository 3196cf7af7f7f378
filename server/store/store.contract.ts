import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommentRow, NewCommentRow, Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)

/** A valid comment row; tests override what they look at. */
export function commentRow(
  threadId: number,
  overrides: Partial<NewCommentRow> = {},
): NewCommentRow {
  return {
    threadId,
    parentId: null,
    text: 'Hello *world*',
    html: '<p>Hello <em>world</em></p>\n',
    name: 'Ada',
    email: 'ada@example.com',
    website: 'https://ada.example/',
    avatar: '0123456789abcdef',
    clientHash: 'c'.repeat(64),
    tokenHash: 't'.repeat(64),
    status: 'published',
    createdAt: T0,
    editedAt: null,
    isOwner: false,
    notify: false,
    ...overrides,
  }
}

/** The behaviour every Store implementation must show; run it once per implementation. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    it('answers undefined for what does not exist', async () => {
      expect(await store.findThread('/nope')).toBeUndefined()
      expect(await store.findThreadById(424242)).toBeUndefined()
      expect(await store.findComment(424242)).toBeUndefined()
      expect(await store.updateComment(424242, { text: 'x' })).toBeUndefined()
      expect(await store.getMeta('nope')).toBeUndefined()
      expect(await store.listComments(424242)).toEqual([])
    })

    it('creates a thread once and keeps its first title', async () => {
      const first = await store.upsertThread('/post', null, T0)
      expect(first).toEqual({
        id: expect.any(Number),
        uri: '/post',
        title: null,
        createdAt: T0,
        closedAt: null,
        version: expect.any(Number),
      })
      const titled = await store.upsertThread('/post', 'First', T0 + 1)
      expect(titled).toEqual({ ...first, title: 'First', version: expect.any(Number) })
      const again = await store.upsertThread('/post', 'Second', T0 + 2)
      expect(again).toEqual(titled)
      expect(await store.findThread('/post')).toEqual(again)
      expect(await store.findThreadById(first.id)).toEqual(again)
    })

    it('inserts and finds a comment with every field intact', async () => {
      const thread = await store.upsertThread('/post', 'Post', T0)
      const row = commentRow(thread.id, { editedAt: T0 + 5 })
      const inserted = await store.insertComment(row)
      expect(inserted).toEqual({ ...row, id: expect.any(Number) })
      expect(await store.findComment(inserted.id)).toEqual(inserted)
    })

    it('round-trips unicode and a 10,000-character text', async () => {
      const thread = await store.upsertThread('/caf%C3%A9', 'Café ☕', T0)
      const text = `Ça va 🙂 — «ok» 中文 ${'é'.repeat(9_970)}`.slice(0, 10_000)
      const inserted = await store.insertComment(commentRow(thread.id, { text, name: 'Zoë 🦊' }))
      const found = await store.findComment(inserted.id)
      expect(found?.text).toBe(text)
      expect(found?.name).toBe('Zoë 🦊')
      expect((await store.findThread('/caf%C3%A9'))?.title).toBe('Café ☕')
    })

    it('lists a thread oldest first, ties by id, and nothing from other threads', async () => {
      const a = await store.upsertThread('/a', null, T0)
      const b = await store.upsertThread('/b', null, T0)
      const late = await store.insertComment(commentRow(a.id, { createdAt: T0 + 2 }))
      const early = await store.insertComment(commentRow(a.id, { createdAt: T0 }))
      const tie = await store.insertComment(commentRow(a.id, { createdAt: T0 }))
      await store.insertComment(commentRow(b.id))
      const held = await store.insertComment(commentRow(a.id, { status: 'pending' }))
      const ids = (await store.listComments(a.id)).map((comment) => comment.id)
      expect(ids).toEqual([early.id, tie.id, held.id, late.id])
    })

    it('lists the public columns of a thread in the same order, and nothing private', async () => {
      const thread = await store.upsertThread('/a', null, T0)
      const other = await store.upsertThread('/b', null, T0)
      const late = await store.insertComment(commentRow(thread.id, { createdAt: T0 + 2 }))
      const owner = await store.insertComment(
        commentRow(thread.id, {
          isOwner: true,
          parentId: late.id,
          createdAt: T0 + 3,
          editedAt: T0 + 4,
        }),
      )
      const held = await store.insertComment(commentRow(thread.id, { status: 'pending' }))
      await store.insertComment(commentRow(other.id))
      const pick = ({
        id,
        parentId,
        html,
        name,
        website,
        avatar,
        status,
        createdAt,
      }: CommentRow) => ({ id, parentId, html, name, website, avatar, status, createdAt })
      expect(await store.listPublicComments(thread.id)).toEqual([
        { ...pick(held), editedAt: null, isOwner: false },
        { ...pick(late), editedAt: null, isOwner: false },
        { ...pick(owner), editedAt: T0 + 4, isOwner: true },
      ])
      expect(await store.listPublicComments(424242)).toEqual([])
    })

    it('bumps a thread’s version on every write to it or its comments', async () => {
      const thread = await store.upsertThread('/v', null, T0)
      const other = await store.upsertThread('/other', null, T0)
      const versions = [thread.version]
      const record = async () => versions.push((await store.findThread('/v'))?.version ?? NaN)
      const row = await store.insertComment(commentRow(thread.id))
      await record()
      await store.updateComment(row.id, { text: 'edited', html: '<p>edited</p>' })
      await record()
      await store.updateComment(row.id, { status: 'deleted' })
      await record()
      await store.setThreadClosed('/v', T0 + 1, T0)
      await record()
      await store.setThreadClosed('/v', null, T0)
      await record()
      await store.upsertThread('/v', 'Title', T0)
      await record()
      expect(versions).toEqual([...versions].sort((a, b) => a - b))
      expect(new Set(versions).size).toBe(versions.length)
      // Another thread's writes leave this one's answer valid; so does a write that changes nothing.
      const last = versions.at(-1)
      await store.insertComment(commentRow(other.id))
      await store.upsertThread('/v', 'Other title', T0)
      expect((await store.findThread('/v'))?.version).toBe(last)
      // A write returns the version the database holds, including its own bump.
      expect((await store.setThreadClosed('/v', T0 + 2, T0)).version).toBe(
        (await store.findThread('/v'))?.version,
      )
    })

    it('keeps replies pointing at their parent', async () => {
      const thread = await store.upsertThread('/post', null, T0)
      const parent = await store.insertComment(commentRow(thread.id))
      const reply = await store.insertComment(commentRow(thread.id, { parentId: parent.id }))
      expect((await store.findComment(reply.id))?.parentId).toBe(parent.id)
    })

    it('updates only the fields of a patch', async () => {
      const thread = await store.upsertThread('/post', null, T0)
      const inserted = await store.insertComment(commentRow(thread.id))
      const patch = { text: 'new', html: '<p>new</p>', editedAt: T0 + 60_000 }
      const updated = await store.updateComment(inserted.id, patch)
      expect(updated).toEqual({ ...inserted, ...patch })
      const wiped = await store.updateComment(inserted.id, {
        status: 'deleted',
        name: '',
        email: null,
        website: null,
      })
      expect(wiped).toEqual({ ...updated, status: 'deleted', name: '', email: null, website: null })
      expect(await store.updateComment(inserted.id, {})).toEqual(wiped)
    })

    it('finds a duplicate among published comments and the same client’s own', async () => {
      const a = await store.upsertThread('/a', null, T0)
      const b = await store.upsertThread('/b', null, T0)
      const me = 'm'.repeat(64)
      const other = 'o'.repeat(64)
      await store.insertComment(commentRow(a.id, { text: 'Great post!', clientHash: other }))
      await store.insertComment(
        commentRow(a.id, { text: 'held', status: 'pending', clientHash: other }),
      )
      await store.insertComment(
        commentRow(a.id, { text: 'mine', status: 'pending', clientHash: me }),
      )
      await store.insertComment(commentRow(a.id, { text: 'junk', status: 'spam', clientHash: me }))
      await store.insertComment(
        commentRow(a.id, { text: 'gone', status: 'deleted', clientHash: me }),
      )
      // Published: a duplicate for anyone, whatever the case and spacing.
      expect(await store.hasDuplicate(a.id, '  great   POST!\n', me)).toBe(true)
      // Held: only for its own client, so that a 422 reveals nothing of the queue.
      expect(await store.hasDuplicate(a.id, 'held', me)).toBe(false)
      expect(await store.hasDuplicate(a.id, 'held', other)).toBe(true)
      expect(await store.hasDuplicate(a.id, 'Mine', me)).toBe(true)
      expect(await store.hasDuplicate(a.id, 'junk', me)).toBe(true)
      expect(await store.hasDuplicate(a.id, 'gone', me)).toBe(false)
      expect(await store.hasDuplicate(b.id, 'Great post!', me)).toBe(false)
    })

    it('finds a duplicate by the text an update left, not the one it replaced', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const row = await store.insertComment(commentRow(thread.id, { text: 'before' }))
      await store.updateComment(row.id, { text: 'After', html: '<p>After</p>' })
      expect(await store.hasDuplicate(thread.id, 'before', 'x')).toBe(false)
      expect(await store.hasDuplicate(thread.id, 'after', 'x')).toBe(true)
    })

    it('counts published comments per thread URI', async () => {
      const a = await store.upsertThread('/a', null, T0)
      const b = await store.upsertThread('/b', null, T0)
      await store.upsertThread('/empty', null, T0)
      await store.insertComment(commentRow(a.id))
      await store.insertComment(commentRow(a.id))
      await store.insertComment(commentRow(a.id, { status: 'deleted' }))
      await store.insertComment(commentRow(a.id, { status: 'pending' }))
      await store.insertComment(commentRow(b.id, { status: 'spam' }))
      await store.insertComment(commentRow(b.id))
      const counts = await store.countPublished(['/a', '/b', '/empty', '/unknown'])
      expect(Object.fromEntries(counts)).toEqual({ '/a': 2, '/b': 1 })
      expect((await store.countPublished([])).size).toBe(0)
    })

    it('keeps settings, and claims a setting only once', async () => {
      await store.setMeta('k', 'one')
      await store.setMeta('k', 'two')
      expect(await store.getMeta('k')).toBe('two')
      expect(await store.claimMeta('secret', 'first')).toBe('first')
      expect(await store.claimMeta('secret', 'second')).toBe('first')
      expect(await store.getMeta('secret')).toBe('first')
    })

    it('prunes the settings of a prefix, keeping the ones named', async () => {
      for (const key of ['client_key:1', 'client_key:2', 'client_key:3', 'client_keyx', 'other']) {
        await store.setMeta(key, 'v')
      }
      await store.pruneMeta('client_key:', ['client_key:3', 'other'])
      const left = []
      for (const key of ['client_key:1', 'client_key:2', 'client_key:3', 'client_keyx', 'other']) {
        if ((await store.getMeta(key)) !== undefined) left.push(key)
      }
      expect(left).toEqual(['client_key:3', 'client_keyx', 'other'])
    })

    it('answers a ping, and can be closed twice', async () => {
      await expect(store.ping()).resolves.toBeUndefined()
      await store.close()
      await expect(store.close()).resolves.toBeUndefined()
    })
  })
}
