import type { Score, VoteMode, VoteResponse, VoteValue } from '../../contract.ts'
import { DomainError } from '../../errors.ts'
import { keyedHash } from '../../lib/keyed-hash.ts'
import type { Store } from '../../store/store.ts'
import type { ClientHasher } from '../client-hasher.ts'
import { hashList } from '../client-hasher.ts'

/** z for a 95 % confidence interval. */
const Z = 1.959964

export interface VoteServiceOptions {
  store: Store
  now: () => number
  secret: () => Promise<Buffer>
  clientHashes: ClientHasher
  /** CAUSERIE_VOTES. */
  mode: VoteMode
}

export type VoteService = ReturnType<typeof createVoteService>

/**
 * Readers' votes. One vote per reader and comment: a reader is its voter id, or failing that
 * its client, so a reader who clears the browser's storage changes its vote rather than adding
 * one. A vote changes the comment's counts and rank and its thread's version, in one
 * transaction: the thread's cached pages are built again when next read, each one a few
 * indexed queries, never the whole thread.
 */
export function createVoteService({ store, now, secret, clientHashes, mode }: VoteServiceOptions) {
  return {
    /** Sets (1, -1) or takes back (0) a reader's vote on a published comment. */
    async vote(
      commentId: number,
      voter: string,
      value: VoteValue,
      address: string,
    ): Promise<VoteResponse> {
      if (mode === 'off') throw new DomainError('votes_disabled', 'Votes are turned off here.')
      if (mode === 'up' && value === -1) {
        throw new DomainError('votes_disabled', 'Only up votes are allowed here.')
      }
      // Keys first: a transaction must not wait on work that itself waits for the store.
      const voterHash = keyedHash(await secret(), `voter:${voter}`)
      const clients = await clientHashes(address)
      return store.transaction(async (tx) => {
        const comment = await tx.findComment(commentId)
        // Only what readers can reach: a published reply below a held or spam top-level
        // comment is out of sight, and its votes would say that it exists.
        const root = comment?.rootId ? await tx.findComment(comment.rootId) : comment
        if (comment?.status !== 'published' || !comment.visible || !root?.visible) {
          throw new DomainError('comment_not_found', `Comment ${commentId} does not exist.`)
        }
        const existing = await tx.findVote(commentId, voterHash, hashList(clients))
        const score = { up: comment.up, down: comment.down }
        if (existing) score[existing.value === 1 ? 'up' : 'down'] -= 1
        if (value === 0) {
          if (existing) await tx.deleteVote(commentId, existing.voterHash)
        } else {
          score[value === 1 ? 'up' : 'down'] += 1
          const row = { commentId, voterHash, clientHash: clients.current, value, createdAt: now() }
          await tx.saveVote(row, existing?.voterHash)
        }
        if (score.up !== comment.up || score.down !== comment.down) {
          await tx.updateComment(commentId, { ...score, bestRank: bestRank(score) })
          await tx.bumpThreadVersion(comment.threadId)
        }
        return { value, score }
      })
    },
  }
}

/**
 * What "best" sorts by: the lower bound of the Wilson score interval (95 %) of the share of up
 * votes. Unlike up − down or the plain share, it weighs how sure we are: 10 up and 1 down ranks
 * above 1 up and none, and above 100 up and 60 down. No votes rank 0, with comments voted down.
 */
export function bestRank({ up, down }: Score): number {
  const n = up + down
  if (n === 0) return 0
  const p = up / n
  const z2 = Z * Z
  const centre = p + z2 / (2 * n)
  const spread = Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)
  return Math.max(0, (centre - spread) / (1 + z2 / n))
}
