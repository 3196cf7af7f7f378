import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Makes the secret that lets an author edit or delete a comment, and the hash we store instead. */
export function createToken(): { token: string; tokenHash: string } {
  // 32 random bytes: unguessable, and URL-safe once in base64url.
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

/** SHA-256, hex: a token is random, so a fast unsalted hash is enough to make the stored copy useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Compares in constant time, so that response times reveal nothing about the stored hash. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  const expected = Buffer.from(tokenHash, 'hex')
  const actual = Buffer.from(hashToken(token), 'hex')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
