import { DomainError } from '../errors.ts'

// RFC 6750 §2.1: the scheme is case-insensitive; our tokens are base64url.
const BEARER = /^Bearer +([A-Za-z0-9_-]+)\s*$/i

/** The token of an `Authorization: Bearer …` header, or a 401 token_missing. */
export function bearerToken(header: string | undefined): string {
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1]
  if (token === undefined) {
    throw new DomainError(
      'token_missing',
      'Send the token you received with the comment as "Authorization: Bearer TOKEN".',
    )
  }
  return token
}
