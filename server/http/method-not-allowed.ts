import type { Handler } from 'hono'
import { DomainError } from '../errors.ts'

/** Answers 405 with an Allow header on a known path called with another method. */
export function methodNotAllowed(allowed: readonly string[]): Handler {
  const allow = allowed.join(', ')
  return function methodNotAllowed(c) {
    c.header('Allow', allow)
    throw new DomainError(
      'method_not_allowed',
      `${c.req.method} is not allowed here; use ${allow}.`,
    )
  }
}
