import { describe, expect, it } from 'vitest'
import type { PublicCommentRow } from '../../store/store.ts'
import { readReplyCursor, readRootCursor, replyCursor, rootCursor } from './page-cursor.ts'
import { bestRank } from './votes.ts'

const row = (bestRank: number) =>
  ({ id: 5, createdAt: 1_796_331_624_517, bestRank }) as PublicCommentRow

describe('page cursors', () => {
  it('reads back every rank it writes, whatever the votes', () => {
    const scores = [
      { up: 1, down: 2894 },
      { up: 0, down: 0 },
      { up: 1, down: 0 },
      { up: 100_000, down: 1 },
    ]
    for (let up = 0; up <= 40; up++) {
      for (let down = 0; down <= 5000; down += 7) scores.push({ up, down })
    }
    for (const score of scores) {
      const rank = bestRank(score)
      const cursor = rootCursor('best', row(rank))
      expect(cursor.length).toBeLessThanOrEqual(80)
      expect(readRootCursor('best', cursor), JSON.stringify(score)).toEqual({
        bestRank: rank,
        createdAt: 1_796_331_624_517,
        id: 5,
      })
    }
  })

  it('reads back the cursors of the other orders and of replies', () => {
    for (const sort of ['oldest', 'newest'] as const) {
      expect(readRootCursor(sort, rootCursor(sort, row(0)))).toEqual({
        bestRank: 0,
        createdAt: 1_796_331_624_517,
        id: 5,
      })
    }
    expect(readReplyCursor(replyCursor(row(0)))).toEqual({ createdAt: 1_796_331_624_517, id: 5 })
  })

  it('refuses ranks that were never handed out, and cursors of another order', () => {
    const nan = 'b_7ff8000000000000_1_2'
    const two = 'b_4000000000000000_1_2'
    const negative = 'b_bff0000000000000_1_2'
    for (const cursor of [nan, two, negative, 'b_0.5_1_2', 'o_1_2']) {
      expect(() => readRootCursor('best', cursor), cursor).toThrow(/after must be/)
    }
    expect(() => readRootCursor('oldest', rootCursor('best', row(0)))).toThrow(/after must be/)
  })
})
