import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from './contract.ts'

/** The server's one error type: services and routes throw it, `app.onError` turns it into JSON. */
export class AppError extends Error {
  override readonly name = 'AppError'

  constructor(
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Shorthand for the most common rejection: a body field that breaks a rule. */
export function invalidInput(field: string, message: string): AppError {
  return new AppError('invalid_input', 422, message, field)
}
