import { atom } from 'nanostores'
import type { Score, VoteValue } from '../../server/contract.ts'
import { voteComment } from '../api.ts'
import { type ApiError, toApiError } from '../lib/api-error.ts'
import { readStorage, writeStorage } from '../lib/storage.ts'
import { $thread, setScore } from './thread.ts'

/** Comment id → the reader's vote on it. */
export type Votes = Record<string, VoteValue>

const VOTES_KEY = 'causerie:votes'
const VOTER_KEY = 'causerie:voter'
/** Random bytes in a voter id: 128 bits, 22 characters of base64url. */
const VOTER_BYTES = 16

/**
 * The reader's votes, kept in this browser: the thread's answer is the same for every reader (and
 * cached), so it cannot say which way this one voted.
 */
export const $votes = atom<Votes>({})

/** The voter id of this page view, also when storage is blocked. */
let voter: string | undefined

/** Reads the votes remembered on this site. */
export function loadVotes(): void {
  const votes: Votes = {}
  for (const [id, value] of Object.entries(readStorage(VOTES_KEY) ?? {})) {
    if (value === 1 || value === -1) votes[id] = value
  }
  $votes.set(votes)
}

/**
 * Votes on comment `id` (0 takes the vote back), showing it at once; when the server refuses,
 * puts the vote and the score back and resolves to the error.
 */
export async function vote(id: number, value: VoteValue): Promise<ApiError | undefined> {
  const before = $votes.get()[id] ?? 0
  const score = $thread.get().comments.find((comment) => comment.id === id)?.score
  save(id, value)
  if (score) setScore(id, moveVote(score, before, value))
  try {
    const answer = await voteComment(id, { value, voter: voterId() })
    save(id, answer.value)
    setScore(id, answer.score)
  } catch (error) {
    save(id, before)
    if (score) setScore(id, score)
    return toApiError(error)
  }
}

/** `score` once one vote moves from `from` to `to`. */
export function moveVote(score: Score, from: VoteValue, to: VoteValue): Score {
  const count = (value: VoteValue) => (from === value ? -1 : 0) + (to === value ? 1 : 0)
  return { up: score.up + count(1), down: score.down + count(-1) }
}

/**
 * The reader's voter id, made once and kept on this site. The server pairs it with a hash of
 * the reader's address, so that clearing storage alone does not make a second vote.
 */
export function voterId(): string {
  const kept = readStorage(VOTER_KEY)
  if (typeof kept === 'string' && /^[\w-]{16,64}$/.test(kept)) voter = kept
  if (!voter) {
    const bytes = crypto.getRandomValues(new Uint8Array(VOTER_BYTES))
    voter = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
  }
  if (kept !== voter) writeStorage(VOTER_KEY, voter)
  return voter
}

function save(id: number, value: VoteValue): void {
  const { [id]: _old, ...votes } = $votes.get()
  if (value !== 0) votes[id] = value
  $votes.set(votes)
  writeStorage(VOTES_KEY, votes)
}
