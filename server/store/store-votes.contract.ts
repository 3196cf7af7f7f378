import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { duplicateHash } from '../lib/duplicate-key.ts'
import { commentRow, replyRow } from './store.contract.ts'
import type { Store, VoteRow } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)
const VOTER = 'v'.repeat(64)
const OTHER_VOTER = 'w'.repeat(64)
const CLIENT = 'k'.repeat(64)
const OTHER_CLIENT = 'l'.repeat(64)

/** Readers' votes: one per reader and comment, a reader being its voter id or else its client. */
export function describeStoreVotesContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store votes contract: ${name}`, () => {
    let store: Store
    let commentId: number
    let otherCommentId: number
    const vote = (overrides: Partial<VoteRow> = {}): VoteRow => ({
      commentId,
      voterHash: VOTER,
      clientHash: CLIENT,
      value: 1,
      createdAt: T0,
      ...overrides,
    })
    beforeEach(async () => {
      store = await makeStore()
      const thread = await store.upsertThread('/votes', null, T0)
      commentId = (await store.insertComment(commentRow(thread.id))).id
      otherCommentId = (await store.insertComment(commentRow(thread.id))).id
    })
    afterEach(async () => {
      await store.close()
    })

    it('finds a vote by its voter, or else by one of the clients', async () => {
      await store.saveVote(vote())
      expect(await store.findVote(commentId, VOTER, [])).toEqual(vote())
      // The voter id changed (storage cleared), the client did not: the same reader.
      expect(await store.findVote(commentId, OTHER_VOTER, [OTHER_CLIENT, CLIENT])).toEqual(vote())
      expect(await store.findVote(commentId, OTHER_VOTER, [OTHER_CLIENT])).toBeUndefined()
      expect(await store.findVote(commentId, OTHER_VOTER, [])).toBeUndefined()
      expect(await store.findVote(otherCommentId, VOTER, [CLIENT])).toBeUndefined()
    })

    it('prefers the voter’s own vote to one found by client', async () => {
      const mine = vote({ voterHash: OTHER_VOTER, clientHash: OTHER_CLIENT, value: -1 })
      // Both orders of insertion, so that neither rowid order nor chance picks the right one.
      await store.saveVote(vote())
      await store.saveVote(mine)
      await store.saveVote({ ...mine, commentId: otherCommentId })
      await store.saveVote(vote({ commentId: otherCommentId }))
      for (const id of [commentId, otherCommentId]) {
        expect(await store.findVote(id, OTHER_VOTER, [CLIENT])).toEqual({ ...mine, commentId: id })
        expect(await store.findVote(id, VOTER, [OTHER_CLIENT])).toEqual(vote({ commentId: id }))
      }
    })

    it('changes a voter’s vote in place', async () => {
      await store.saveVote(vote())
      await store.saveVote(vote({ value: -1, clientHash: OTHER_CLIENT, createdAt: T0 + 1 }))
      expect(await store.findVote(commentId, VOTER, [])).toMatchObject({
        value: -1,
        clientHash: OTHER_CLIENT,
      })
      expect(await store.findVote(commentId, 'x', [CLIENT])).toBeUndefined()
      // Naming its own voter as the one replaced keeps the vote.
      await store.saveVote(vote({ value: 1 }), VOTER)
      expect(await store.findVote(commentId, VOTER, [])).toMatchObject({ value: 1 })
    })

    it('replaces the vote found under another voter, so that a reader counts once', async () => {
      await store.saveVote(vote())
      await store.saveVote(vote({ commentId: otherCommentId }))
      const found = await store.findVote(commentId, OTHER_VOTER, [CLIENT])
      const next = vote({ voterHash: OTHER_VOTER, value: -1, createdAt: T0 + 1 })
      await store.saveVote(next, found?.voterHash)
      expect(await store.findVote(commentId, VOTER, [])).toBeUndefined()
      expect(await store.findVote(commentId, 'x', [CLIENT])).toEqual(next)
      // Only that comment's vote is replaced.
      expect(await store.findVote(otherCommentId, VOTER, [])).toEqual(
        vote({ commentId: otherCommentId }),
      )
    })

    it('deletes one voter’s vote on one comment', async () => {
      await store.saveVote(vote())
      await store.saveVote(vote({ voterHash: OTHER_VOTER, clientHash: OTHER_CLIENT }))
      await store.saveVote(vote({ commentId: otherCommentId }))
      await store.deleteVote(commentId, VOTER)
      expect(await store.findVote(commentId, VOTER, [])).toBeUndefined()
      expect(await store.findVote(commentId, OTHER_VOTER, [])).toBeDefined()
      expect(await store.findVote(otherCommentId, VOTER, [])).toBeDefined()
      await expect(store.deleteVote(commentId, VOTER)).resolves.toBeUndefined()
    })

    it('removes the votes of a comment that an erasure removes, and keeps the others', async () => {
      const thread = await store.upsertThread('/erased', null, T0)
      const email = 'gone@x.example'
      const removed = await store.insertComment(commentRow(thread.id, { email }))
      const kept = await store.insertComment(commentRow(thread.id, { email }))
      await store.insertComment(replyRow(kept, { email: 'stays@x.example' }))
      await store.saveVote(vote({ commentId: removed.id }))
      await store.saveVote(vote({ commentId: kept.id }))
      await store.eraseEmail(email, duplicateHash(''))
      expect(await store.findComment(removed.id)).toBeUndefined()
      expect(await store.findVote(removed.id, VOTER, [CLIENT])).toBeUndefined()
      // A placeholder keeps its votes; showing them or not is the services' call.
      expect(await store.findVote(kept.id, VOTER, [])).toEqual(vote({ commentId: kept.id }))
    })

    it('refuses a vote on a comment that does not exist', async () => {
      await expect(store.saveVote(vote({ commentId: 424242 }))).rejects.toThrow()
    })
  })
}
