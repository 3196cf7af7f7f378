import { COMMENT_STATUSES, type CommentStatus, LIMITS } from '../contract.ts'
import { invalidInput } from '../errors.ts'
import { isEmail } from '../lib/is-email.ts'
import { checkLength, rejectControls, rejectInvisible, stringField } from '../lib/string-field.ts'
import type { CommentChange, OwnerReply } from '../services/moderation/moderation.ts'
import type { CommentQuery } from '../store/store.ts'
import type { JsonObject } from './read-json.ts'
import { validateText, validateUri } from './validate-comment.ts'

const DEFAULT_PAGE = 50
const SEARCH_MAX = 200

type Query = Record<string, string | undefined>

/** Checks GET /api/admin/comments: the pending queue is oldest first, every other view newest first. */
export function validateCommentQuery(query: Query): CommentQuery {
  const status =
    query.status === undefined || query.status === 'all' ? undefined : statusOf(query.status)
  const order = query.order ?? (status === 'pending' ? 'asc' : 'desc')
  if (order !== 'asc' && order !== 'desc') throw invalidInput('order', 'order must be asc or desc.')
  const cursorField = order === 'asc' ? 'after' : 'before'
  const wrongField = order === 'asc' ? 'before' : 'after'
  if (query[wrongField] !== undefined) {
    throw invalidInput(
      wrongField,
      `This view is ${order === 'asc' ? 'oldest' : 'newest'} first; page with "${cursorField}".`,
    )
  }
  const text = query.q?.trim()
  if (text !== undefined) checkLength(text, 'q', 'Search', SEARCH_MAX)
  return {
    order,
    limit: count(query.limit, 'limit', DEFAULT_PAGE, LIMITS.adminPageMax) || DEFAULT_PAGE,
    ...(status ? { status } : {}),
    ...(query.uri ? { uri: validateUri(query.uri) } : {}),
    ...(text ? { text } : {}),
    ...(query.email?.trim() ? { email: query.email.trim() } : {}),
    ...(query.client?.trim() ? { clientHash: query.client.trim().toLowerCase() } : {}),
    ...(query[cursorField] === undefined ? {} : { cursor: id(query[cursorField], cursorField) }),
  }
}

/** Checks PATCH /api/admin/comments/:id: a status, a text, or both. */
export function validateCommentChange(body: JsonObject): CommentChange {
  if (body.status === undefined && body.text === undefined) {
    throw invalidInput('status', 'Send a new "status", a new "text", or both.')
  }
  return {
    ...(body.status === undefined ? {} : { status: statusOf(body.status) }),
    ...(body.text === undefined ? {} : { text: validateText(body) }),
  }
}

/** Checks POST /api/admin/comments/bulk: distinct ids, at most a page of them, and a status. */
export function validateBulk(body: JsonObject): { ids: number[]; status: CommentStatus } {
  const { ids } = body
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.adminPageMax) {
    throw invalidInput('ids', `ids must be an array of 1 to ${LIMITS.adminPageMax} comment ids.`)
  }
  return { ids: [...new Set(ids.map((value) => id(value, 'ids')))], status: statusOf(body.status) }
}

/** Checks POST /api/admin/comments/:id/reply: the text, and the name to show beside the badge. */
export function validateOwnerReply(body: JsonObject): OwnerReply {
  const name = stringField(body, 'name', 'Name')?.trim() ?? ''
  rejectControls(name, 'name', 'Name')
  rejectInvisible(name, 'name', 'Name')
  checkLength(name, 'name', 'Name', LIMITS.nameMax)
  return { text: validateText(body), name }
}

/** Checks POST /api/admin/erase: one plain address, matched case-insensitively. */
export function validateEraseTarget(body: JsonObject): string {
  const email = typeof body.email === 'string' ? body.email.trim() : ''
  if (email.length > LIMITS.emailMax || !isEmail(email)) {
    throw invalidInput('email', 'Send the address to erase as "email", like reader@example.com.')
  }
  return email
}

/** Checks PATCH /api/admin/threads. */
export function validateThreadChange(body: JsonObject): { uri: string; closed: boolean } {
  if (typeof body.closed !== 'boolean')
    throw invalidInput('closed', 'closed must be true or false.')
  return { uri: validateUri(body.uri), closed: body.closed }
}

/** Checks GET /api/admin/threads paging. */
export function validatePage(query: Query): { limit: number; offset: number } {
  return {
    limit: count(query.limit, 'limit', 100, 500) || 100,
    offset: count(query.offset, 'offset', 0, 1_000_000),
  }
}

/** Checks POST /api/admin/login. */
export function validatePassword(body: JsonObject): string {
  const password = stringField(body, 'password', 'Password')
  if (!password) throw invalidInput('password', 'Password is missing; send it as "password".')
  checkLength(password, 'password', 'Password', LIMITS.passwordMax)
  return password
}

function statusOf(value: unknown): CommentStatus {
  if (typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value)) {
    return value as CommentStatus
  }
  throw invalidInput('status', `status must be one of ${COMMENT_STATUSES.join(', ')}.`)
}

function id(value: unknown, field: string): number {
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw invalidInput(field, `${field} must hold comment ids (positive integers).`)
  }
  return number
}

function count(value: string | undefined, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (!/^\d{1,7}$/.test(value) || Number(value) > max) {
    throw invalidInput(field, `${field} must be a whole number from 0 to ${max}.`)
  }
  return Number(value)
}
