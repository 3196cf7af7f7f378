import { LIMITS } from '../contract.ts'
import { DomainError } from '../errors.ts'

import type { JsonObject } from '../lib/string-field.ts'

export type { JsonObject }

/**
 * Reads a request body as a JSON object, enforcing the size limit while the bytes arrive, the
 * media type, strict UTF-8 and the top-level shape. Every failure is a 4xx DomainError.
 */
export async function readJson(
  request: Request,
  limit: number = LIMITS.bodyBytes,
): Promise<JsonObject> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit)
  checkMediaType(request.headers.get('content-type'))
  const bytes = await readBytes(request, limit)
  let text: string
  try {
    // fatal: invalid UTF-8 is refused rather than silently stored as U+FFFD.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new DomainError('invalid_encoding', 'The request body is not valid UTF-8.')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new DomainError('invalid_json', 'The request body is not valid JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('invalid_input', 'The request body must be a JSON object.')
  }
  return value as JsonObject
}

function checkMediaType(header: string | null): void {
  const [type = '', ...parameters] = (header ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase())
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))
  const isUtf8 = charset === undefined || /^charset="?utf-8"?$/.test(charset)
  if (type !== 'application/json' || !isUtf8) {
    throw new DomainError(
      'unsupported_media_type',
      'Send the body as JSON with Content-Type: application/json (UTF-8).',
    )
  }
}

async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away mid-body: its fault, not a server error worth a stack trace.
      throw new DomainError('invalid_json', 'The request body ended before it was complete.')
    })
    if (done) break
    size += value.byteLength
    if (size > limit) {
      // Stop reading at once, but without cancelling: that would destroy the socket before the
      // 413 is sent. The Node adapter drains or closes the rest once the answer is out.
      reader.releaseLock()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

function tooLarge(limit: number): DomainError {
  return new DomainError(
    'payload_too_large',
    `The request body is larger than ${limit.toLocaleString('en-US')} bytes.`,
  )
}
