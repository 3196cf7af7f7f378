import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, ErrorCode } from '../contract.ts'
import { DomainError, ERROR_STATUS } from '../errors.ts'

/** Renders an error as a page, for routes that people open in a browser (mail links). */
export type ErrorPage = (
  c: Context,
  status: ContentfulStatusCode,
  error: DomainError | undefined,
) => Response | Promise<Response>

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by routes whose errors are pages rather than JSON (routes/mail-links.ts). */
    errorPage?: ErrorPage
  }
}

/**
 * The one error handler (`app.onError`): a DomainError becomes the status of its code with
 * `{ error: { code, message, field } }`, or the route's error page; anything else is a bug,
 * logged once and answered 500 without a detail.
 */
export function errorHandler(error: Error, c: Context): Response | Promise<Response> {
  const page = c.get('errorPage')
  if (error instanceof DomainError) {
    const status = ERROR_STATUS[error.code]
    if (error.code === 'payload_too_large') lingerOnUnreadBody(c)
    // A wrong method is the caller's code's mistake, not a reader's: plain JSON everywhere.
    if (page && error.code !== 'method_not_allowed') return page(c, status, error)
    return c.json(errorBody(error.code, error.message, error.field), status)
  }
  console.error(`Unexpected error on ${c.req.method} ${c.req.path}:`, error)
  if (page) return page(c, 500, undefined)
  return c.json(errorBody('internal', 'Something went wrong on the server.'), 500)
}

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } }
}

/**
 * The client may still be sending the body we refused. If Node closed the socket as soon as
 * the 413 is written (it does when the client sent "Connection: close"), the unread bytes make
 * the kernel send a reset that can destroy the answer before the client reads it. Keeping the
 * connection lets the Node adapter drain the rest for a bounded time first: a lingering close,
 * as nginx does.
 */
function lingerOnUnreadBody(c: Context): void {
  c.header('Connection', 'keep-alive')
}
