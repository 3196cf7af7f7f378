import { DomainError, invalidInput } from '../errors.ts'

const ID = /^\d{1,15}$/

/** A comment id from a path (`/api/comments/:id`): anything but a positive integer names none. */
export function pathCommentId(param: string | undefined): number {
  const raw = param ?? ''
  const id = ID.test(raw) ? Number(raw) : 0
  if (id < 1) {
    throw new DomainError('comment_not_found', `There is no comment "${raw.slice(0, 50)}".`)
  }
  return id
}

/** A comment id from a query parameter or a JSON field: refused as invalid input, by name. */
export function fieldCommentId(value: unknown, field: string): number {
  const id = typeof value === 'string' && ID.test(value) ? Number(value) : value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw invalidInput(field, `${field} must be a comment id (a positive integer).`)
  }
  return id
}
