import { LIMITS, type VoteRequest } from '../contract.ts'
import { invalidInput } from '../errors.ts'
import type { JsonObject } from './read-json.ts'

const VOTER = new RegExp(`^[A-Za-z0-9_-]{${LIMITS.voterMin},${LIMITS.voterMax}}$`)

/** Checks a POST /api/comments/:id/vote body: `value` 1, -1 or 0, and the reader's voter id. */
export function validateVote(body: JsonObject): VoteRequest {
  const { value, voter } = body
  if (value !== 1 && value !== -1 && value !== 0) {
    throw invalidInput('value', 'value must be 1 (up), -1 (down) or 0 (no vote).')
  }
  if (typeof voter !== 'string' || !VOTER.test(voter)) {
    throw invalidInput(
      'voter',
      `voter must be ${LIMITS.voterMin} to ${LIMITS.voterMax} characters of A–Z, a–z, 0–9, _ and -.`,
    )
  }
  return { value, voter }
}
