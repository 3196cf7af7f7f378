import { keyedHash } from '../../lib/keyed-hash.ts'

export interface AvatarIdentity {
  name: string
  email: string | null
  clientHash: string
}

/**
 * The identicon seed of an author: 16 hex characters of a keyed hash, so that one author looks
 * the same on every comment, yet nobody can test an email address against it (unlike Gravatar's MD5).
 */
export function avatarSeed(secret: Uint8Array, author: AvatarIdentity): string {
  const identity = author.email
    ? `email:${author.email.toLowerCase()}`
    : `name:${author.name}\n${author.clientHash}`
  return keyedHash(secret, identity).slice(0, 16)
}
