import type { ErrorBody, ErrorCode } from '../../server/contract.ts'

/** The API's error codes, plus `network` when no answer came (offline, timeout, CORS). */
export type ApiErrorCode = ErrorCode | 'network'

/**
 * The one error type of the widget and the admin panel: what went wrong, in terms components
 * can translate.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string,
    readonly field?: string,
    /** Seconds, from Retry-After; only on 429. */
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

/** Any thrown value as an ApiError; what is not one already was a failure to get an answer. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('network', 0, String(error))
}

/** The ApiError an error response carries. */
export async function fromErrorResponse(response: Response): Promise<ApiError> {
  const { status, statusText } = response
  const body: Partial<ErrorBody> = await response.json().catch(() => ({}))
  // A proxy in front of the server may answer with its own page instead of an ErrorBody.
  const {
    code = status < 500 ? 'invalid_input' : 'unavailable',
    message = statusText,
    field,
  } = body.error ?? {}
  const retryAfter = Number(response.headers.get('retry-after'))
  return new ApiError(
    code,
    status,
    message,
    field,
    status === 429 && retryAfter > 0 ? retryAfter : undefined,
  )
}
