import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { duplicateHash } from '../lib/duplicate-key.ts'
import { commentRow, replyRow } from './store.contract.ts'
import type { Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)

/** A reader's right to erasure (Store.eraseEmail); run it once per Store implementation. */
export function describeStoreErasureContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store erasure contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    // SQLite's lower() folds ASCII only, while subscriptions and bans are keyed by JavaScript's
    // toLowerCase(): matched with lower(), the comments of Zoë stayed.
    it('erases an address whatever the case of its non-ASCII letters', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const comment = await store.insertComment(commentRow(thread.id, { email: 'Zoë@x.example' }))
      await store.saveSubscriber({
        email: 'zoë@x.example',
        status: 'confirmed',
        confirmSentAt: T0,
        updatedAt: T0,
      })
      const erased = await store.eraseEmail('ZOË@x.example', duplicateHash(''))
      expect(erased).toMatchObject({ comments: 1, subscriptions: 1 })
      expect(await store.findComment(comment.id)).toBeUndefined()
    })

    it('erases everything tied to an address in one go, keeping replies of others in place', async () => {
      const thread = await store.upsertThread('/p', null, T0)
      const other = await store.upsertThread('/q', null, T0)
      const email = 'Erase.Me@x.example'
      const emptyHash = duplicateHash('')
      const lone = await store.insertComment(commentRow(thread.id, { email, notify: true }))
      const parent = await store.insertComment(
        commentRow(thread.id, { email: 'erase.me@X.example' }),
      )
      const reply = await store.insertComment(replyRow(parent, { email: 'other@x.example' }))
      const ownReply = await store.insertComment(replyRow(lone, { email }))
      const someone = await store.insertComment(commentRow(other.id, { email: 'b@x.example' }))
      const answer = await store.insertComment(replyRow(someone, { email }))
      await store.saveSubscriber({
        email: 'erase.me@x.example',
        status: 'confirmed',
        confirmSentAt: T0,
        updatedAt: T0,
      })
      await store.enqueue([
        { kind: 'mail', payload: JSON.stringify({ to: email }), createdAt: T0 },
        { kind: 'mail', payload: JSON.stringify({ to: 'bERASE.me@x.example' }), createdAt: T0 },
        { kind: 'webhook', payload: '{"text":"hi"}', createdAt: T0 },
      ])
      await store.addBlocklistEntry({ kind: 'email', value: 'erase.me@x.example' })
      await store.addBlocklistEntry({ kind: 'email', value: '@x.example' })
      await store.addBlocklistEntry({ kind: 'word', value: 'erase.me@x.example' })
      const erased = await store.eraseEmail('ERASE.me@x.example', emptyHash)
      expect(erased).toEqual({
        comments: 4,
        subscriptions: 1,
        mails: 1,
        bans: 1,
        touched: { commentIds: expect.any(Array), threadIds: expect.any(Array) },
      })
      // The comments whose visibility may have changed: the wiped one that stays, and the
      // parent of a removed reply. (It may also name a parent removed with its reply.)
      const remaining = []
      for (const id of erased.touched.commentIds) {
        if (await store.findComment(id)) remaining.push(id)
      }
      const byId = (a: number, b: number) => a - b
      expect(remaining.sort(byId)).toEqual([parent.id, someone.id].sort(byId))
      expect(erased.touched.threadIds.sort(byId)).toEqual([thread.id, other.id].sort(byId))
      // The lone comment and its author's own replies go; the parent of another's reply stays wiped.
      expect(await store.findComment(lone.id)).toBeUndefined()
      expect(await store.findComment(ownReply.id)).toBeUndefined()
      expect(await store.findComment(answer.id)).toBeUndefined()
      expect(await store.findComment(parent.id)).toMatchObject({
        text: '',
        textHash: emptyHash,
        html: '',
        name: '',
        email: null,
        website: null,
        avatar: '',
        clientHash: '',
        status: 'deleted',
        notify: false,
        // Visibility is the service's to fix, from `touched`.
        visible: true,
      })
      expect(await store.findComment(reply.id)).toMatchObject({ email: 'other@x.example' })
      expect(await store.findComment(someone.id)).toMatchObject({ email: 'b@x.example' })
      expect(await store.findSubscriber('erase.me@x.example')).toBeUndefined()
      expect((await store.listOutbox()).map((row) => row.kind)).toEqual(['mail', 'webhook'])
      // A ban would keep the address; a domain names no one, and a word is no address.
      expect(await store.listBlocklist()).toEqual([
        { kind: 'email', value: '@x.example' },
        { kind: 'word', value: 'erase.me@x.example' },
      ])
      expect(await store.eraseEmail(email, emptyHash)).toEqual({
        comments: 0,
        subscriptions: 0,
        mails: 0,
        bans: 0,
        touched: { commentIds: [], threadIds: [] },
      })
      await expect(store.flushErasure()).resolves.toBeUndefined()
    })
  })
}
