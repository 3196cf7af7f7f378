import { LIMITS, THREAD_SORTS, type ThreadSort } from '../contract.ts'
import { invalidInput } from '../errors.ts'
import { readReplyCursor, readRootCursor } from '../services/comments/page-cursor.ts'
import type { PageQuery } from '../services/comments/thread-pages.ts'
import { fieldCommentId } from './comment-id.ts'
import { validateUri } from './validate-comment.ts'

type Query = (name: string) => string | undefined

/** Checks the query of GET /api/comments: uri, sort, limit, after, and around or parent. */
export function validatePageQuery(query: Query): PageQuery {
  const around = optional(query('around'), 'around')
  const parent = optional(query('parent'), 'parent')
  if (around !== undefined && (parent !== undefined || query('after') !== undefined)) {
    throw invalidInput(
      'around',
      'around starts a page of its own: send it without parent or after.',
    )
  }
  const after = query('after')
  if (after !== undefined && (after === '' || after.length > LIMITS.cursorMax)) {
    throw invalidInput('after', 'after must be the "next" cursor of an earlier page.')
  }
  const uri = validateUri(query('uri'))
  const order = sort(query('sort'))
  // Read here, before the thread is looked up: a bad cursor answers alike whether the thread
  // exists or not, so it tells nobody that someone's comment waits in the queue.
  if (after !== undefined) {
    if (parent === undefined) readRootCursor(order, after)
    else readReplyCursor(after)
  }
  return { uri, sort: order, limit: limit(query('limit')), after, around, parent }
}

function sort(value: string | undefined): ThreadSort {
  if (value === undefined) return 'oldest'
  if ((THREAD_SORTS as readonly string[]).includes(value)) return value as ThreadSort
  throw invalidInput('sort', `sort must be one of ${THREAD_SORTS.join(', ')}.`)
}

function limit(value: string | undefined): number {
  if (value === undefined) return LIMITS.pageDefault
  const number = /^\d{1,4}$/.test(value) ? Number(value) : 0
  if (number < 1 || number > LIMITS.pageMax) {
    throw invalidInput('limit', `limit must be a whole number from 1 to ${LIMITS.pageMax}.`)
  }
  return number
}

function optional(value: string | undefined, field: string): number | undefined {
  return value === undefined ? undefined : fieldCommentId(value, field)
}
