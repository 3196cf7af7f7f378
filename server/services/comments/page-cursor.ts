import type { ThreadSort } from '../../contract.ts'
import { LIMITS } from '../../contract.ts'
import { invalidInput } from '../../errors.ts'
import type { PublicCommentRow, ReplyCursor, RootCursor } from '../../store/store.ts'

// Cursors are opaque to clients: `o_` / `n_` (oldest, newest) + time_id, `b_` + rank_time_id,
// `r_` + time_id for replies. They name a position, not a row, so a page is never shifted by
// comments that arrive, or are removed, between two requests. A rank is written as the 16 hex
// digits of its 64-bit float: exact, and of one length, however the number would print (1 up
// and 2,894 down prints with 21 decimals).

const PREFIX: Record<ThreadSort, string> = { oldest: 'o', newest: 'n', best: 'b' }
const INTEGER = '(-?\\d{1,16})'
const RANK = '([0-9a-f]{16})'

/** The cursor of the page of top-level comments that follows `row`. */
export function rootCursor(sort: ThreadSort, row: PublicCommentRow): string {
  const rank = sort === 'best' ? `_${rankText(row.bestRank)}` : ''
  return `${PREFIX[sort]}${rank}_${row.createdAt}_${row.id}`
}

/** The cursor of the page of replies that follows `row`. */
export function replyCursor(row: Pick<PublicCommentRow, 'createdAt' | 'id'>): string {
  return `r_${row.createdAt}_${row.id}`
}

/** Reads an `after` for top-level comments; one of another sort or malformed is refused. */
export function readRootCursor(sort: ThreadSort, raw: string): RootCursor {
  const rank = sort === 'best' ? `_${RANK}` : ''
  const match = checked(raw, new RegExp(`^${PREFIX[sort]}${rank}_${INTEGER}_${INTEGER}$`))
  const parts = match.slice(1)
  const bestRank = sort === 'best' ? rankOf(parts.shift() ?? '') : 0
  const [createdAt, id] = parts.map(Number)
  // A rank is a share: NaN, infinities and anything outside 0–1 were never handed out.
  if (createdAt === undefined || id === undefined || !(bestRank >= 0 && bestRank <= 1)) {
    throw badCursor()
  }
  return { bestRank, createdAt, id }
}

/** Reads an `after` for replies (with `parent`). */
export function readReplyCursor(raw: string): ReplyCursor {
  const [, createdAt, id] = checked(raw, new RegExp(`^r_${INTEGER}_${INTEGER}$`)).map(Number)
  if (createdAt === undefined || id === undefined) throw badCursor()
  return { createdAt, id }
}

function rankText(rank: number): string {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, rank)
  return view.getBigUint64(0).toString(16).padStart(16, '0')
}

function rankOf(hex: string): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setBigUint64(0, BigInt(`0x${hex}`))
  return view.getFloat64(0)
}

function checked(raw: string, pattern: RegExp): RegExpMatchArray {
  const match = raw.length <= LIMITS.cursorMax ? pattern.exec(raw) : null
  if (!match) throw badCursor()
  return match
}

function badCursor() {
  return invalidInput(
    'after',
    'after must be the "next" cursor of an earlier page, with the same sort or parent.',
  )
}
