import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from './contract.ts'

/**
 * The server's one error type: what went wrong in the terms of the domain, never in HTTP's.
 * Services and HTTP helpers throw it; `app.onError` answers it with the status of its code
 * (ERROR_STATUS) and `{ error: { code, message, field } }`.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The offending field of the request, for invalid_input and the other field rules. */
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Shorthand for the most common rejection: a field that breaks a rule. */
export function invalidInput(field: string, message: string): DomainError {
  return new DomainError('invalid_input', message, field)
}

/**
 * The one table from error code to HTTP status. `internal` is the only 5xx a request can earn
 * (a bug); `unavailable` means the database or the server is busy, never the client's fault.
 */
export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_json: 400,
  invalid_encoding: 400,
  invalid_link: 400,
  token_missing: 401,
  unauthorized: 401,
  wrong_password: 401,
  token_invalid: 403,
  edit_window_closed: 403,
  forbidden_origin: 403,
  thread_closed: 403,
  votes_disabled: 403,
  comment_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  link_stale: 409,
  link_used: 409,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  parent_not_found: 422,
  too_many_links: 422,
  duplicate_comment: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
}
