import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { duplicateHash } from '../lib/duplicate-key.ts'
import type { CommentRow, NewCommentRow, Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)

/**
 * A valid comment row; tests override what they look at. Like the services' rows, its text hash
 * follows its text and it is visible when published, unless the overrides say otherwise.
 */
export function commentRow(
  threadId: number,
  overrides: Partial<NewCommentRow> = {},
): NewCommentRow {
  const text = overrides.text ?? 'Hello *world*'
  const status = overrides.status ?? 'published'
  return {
    threadId,
    parentId: null,
    rootId: null,
    text,
    textHash: duplicateHash(text),
    html: '<p>Hello <em>world</em></p>\n',
    name: 'Ada',
    email: 'ada@example.com',
    website: 'https://ada.example/',
    avatar: '0123456789abcdef',
    clientHash: 'c'.repeat(64),
    tokenHash: 't'.repeat(64),
    status,
    visible: status === 'published',
    createdAt: T0,
    editedAt: null,
    isOwner: false,
    notify: false,
    ...overrides,
  }
}

/** A reply to `parent`, placed in its conversation as services/new-comment-row.ts places it. */
export function replyRow(
  parent: Pick<CommentRow, 'id' | 'threadId' | 'rootId'>,
  overrides: Partial<NewCommentRow> = {},
): NewCommentRow {
  return commentRow(parent.threadId, {
    parentId: parent.id,
    rootId: parent.rootId ?? parent.id,
    ...overrides,
  })
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
      expect(inserted).toEqual({ ...row, id: expect.any(Number), up: 0, down: 0, bestRank: 0 })
      expect(await store.findComment(inserted.id)).toEqual(inserted)
    })

    it('keeps the fields the services maintain exactly as given', async () => {
      const thread = await store.upsertThread('/post', null, T0)
      const hidden = await store.insertComment(
        commentRow(thread.id, { status: 'deleted', visible: false, textHash: 'h'.repeat(64) }),
      )
      // A placeholder: deleted, yet shown. The store derives neither flag nor hash.
      const shown = await store.insertComment(
        commentRow(thread.id, { status: 'deleted', visible: true }),
      )
      expect(await store.findComment(hidden.id)).toMatchObject({
        visible: false,
        textHash: 'h'.repeat(64),
      })
      expect(await store.findComment(shown.id)).toMatchObject({ visible: true })
      const patch = { visible: false, up: 7, down: 2, bestRank: 0.4, textHash: 'x'.repeat(64) }
      expect(await store.updateComment(shown.id, patch)).toEqual({ ...shown, ...patch })
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

    it('bumps the version of the given thread only, and only when asked', async () => {
      const thread = await store.upsertThread('/v', null, T0)
      const other = await store.upsertThread('/other', null, T0)
      const version = async (uri: string) => (await store.findThread(uri))?.version
      // Writes leave versions alone: the use cases bump them, once each (Store.bumpThreadVersion).
      const row = await store.insertComment(commentRow(thread.id))
      await store.updateComment(row.id, { status: 'deleted', visible: false })
      await store.setThreadClosed('/v', T0 + 1, T0)
      await store.upsertThread('/v', 'Title', T0)
      expect(await version('/v')).toBe(thread.version)
      await store.bumpThreadVersion(thread.id)
      await store.bumpThreadVersion(thread.id)
      expect(await version('/v')).toBe(thread.version + 2)
      expect(await version('/other')).toBe(other.version)
      // A write returns the version the database holds.
      expect((await store.setThreadClosed('/v', null, T0)).version).toBe(thread.version + 2)
      await expect(store.bumpThreadVersion(424242)).resolves.toBeUndefined()
    })

    it('keeps replies pointing at their parent', async () => {
      const thread = await store.upsertThread('/post', null, T0)
      const parent = await store.insertComment(commentRow(thread.id))
      const reply = await store.insertComment(replyRow(parent))
      const deeper = await store.insertComment(replyRow(reply))
      expect(await store.findComment(reply.id)).toMatchObject({
        parentId: parent.id,
        rootId: parent.id,
      })
      expect(await store.findComment(deeper.id)).toMatchObject({
        parentId: reply.id,
        rootId: parent.id,
      })
      expect((await store.findComment(parent.id))?.rootId).toBeNull()
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
      const isDuplicate = (threadId: number, text: string, clientHash: string) =>
        store.hasDuplicate(threadId, duplicateHash(text), clientHash)
      // Published: a duplicate for anyone (the hash already ignores case and spacing).
      expect(await isDuplicate(a.id, '  great   POST!\n', me)).toBe(true)
      // Held: only for its own client, so that a 422 reveals nothing of the queue.
      expect(await isDuplicate(a.id, 'held', me)).toBe(false)
      expect(await isDuplicate(a.id, 'held', other)).toBe(true)
      expect(await isDuplicate(a.id, 'Mine', me)).toBe(true)
      expect(await isDuplicate(a.id, 'junk', me)).toBe(true)
      expect(await isDuplicate(a.id, 'gone', me)).toBe(false)
      expect(await isDuplicate(b.id, 'Great post!', me)).toBe(false)
    })

    it('finds a duplicate by the hash an update left, not the one it replaced', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const row = await store.insertComment(commentRow(thread.id, { text: 'before' }))
      await store.updateComment(row.id, {
        text: 'After',
        textHash: duplicateHash('After'),
        html: '<p>After</p>',
      })
      expect(await store.hasDuplicate(thread.id, duplicateHash('before'), 'x')).toBe(false)
      expect(await store.hasDuplicate(thread.id, duplicateHash('after'), 'x')).toBe(true)
    })

    it('matches the hash it is given, never the text', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      await store.insertComment(commentRow(thread.id, { text: 'same', textHash: 'h'.repeat(64) }))
      expect(await store.hasDuplicate(thread.id, 'h'.repeat(64), 'x')).toBe(true)
      expect(await store.hasDuplicate(thread.id, duplicateHash('same'), 'x')).toBe(false)
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
      // A placeholder is shown, yet not counted: it is no comment anyone reads.
      await store.insertComment(commentRow(b.id, { status: 'deleted', visible: true }))
      const counts = await store.countPublished(['/a', '/b', '/empty', '/unknown'])
      expect(Object.fromEntries(counts)).toEqual({ '/a': 2, '/b': 1 })
      expect((await store.countPublished([])).size).toBe(0)
      expect(await store.countThreadPublished(a.id)).toBe(2)
      expect(await store.countThreadPublished(b.id)).toBe(1)
      expect(await store.countThreadPublished(424242)).toBe(0)
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
