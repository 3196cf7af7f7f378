import { randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import { DomainError } from '../../errors.ts'
import { hashPassword, verifyPassword } from '../../lib/password-hash.ts'
import type { Store } from '../../store/store.ts'
import { hashToken } from '../comments/comment-token.ts'

/** Where the generated password's hash is kept. */
export const PASSWORD_META_KEY = 'admin_password_hash'
/** A session lasts a week; then the owner logs in again. */
export const SESSION_MS = 7 * 86_400_000

export interface AdminAuthOptions {
  store: Store
  config: Pick<Config, 'adminPassword' | 'passwordCost'>
  now: () => number
}

export interface Session {
  /** The cookie's value: 32 random bytes; only its SHA-256 is stored. */
  id: string
  expiresAt: number
}

export type AdminAuth = ReturnType<typeof createAdminAuth>

/** The admin's password check and sessions. */
export function createAdminAuth({ store, config, now }: AdminAuthOptions) {
  let envHash: Promise<string> | undefined

  /** CAUSERIE_ADMIN_PASSWORD wins; else the hash stored when main.ts generated a password. */
  async function currentHash(): Promise<string | undefined> {
    if (config.adminPassword !== null) {
      // Hashed once with a random salt, so every check costs the same scrypt as a stored hash.
      envHash ??= hashPassword(config.adminPassword, config.passwordCost)
      return envHash
    }
    return store.getMeta(PASSWORD_META_KEY)
  }

  return {
    /** Checks the password and opens a session, or throws 401 wrong_password. */
    async login(password: string): Promise<Session> {
      const hash = await currentHash()
      const isRight = hash !== undefined && (await verifyPassword(password, hash))
      if (!isRight) {
        throw new DomainError('wrong_password', 'Wrong password.')
      }
      const time = now()
      await store.deleteExpiredSessions(time)
      const id = randomBytes(32).toString('base64url')
      const expiresAt = time + SESSION_MS
      await store.insertSession(hashToken(id), time, expiresAt)
      return { id, expiresAt }
    },

    /** The session behind a cookie value, or undefined when it is unknown or over. */
    async session(id: string | undefined): Promise<Session | undefined> {
      if (!id || id.length > 100) return undefined
      const expiresAt = await store.findSessionExpiry(hashToken(id))
      return expiresAt !== undefined && expiresAt > now() ? { id, expiresAt } : undefined
    },

    /** Ends a session. */
    async logout(id: string): Promise<void> {
      await store.deleteSession(hashToken(id))
    },
  }
}

/**
 * At first start without CAUSERIE_ADMIN_PASSWORD, makes a password and stores only its hash.
 * Answers the password when this call made it (to be shown once), else undefined.
 */
export async function ensureAdminPassword(
  store: Store,
  config: Pick<Config, 'adminPassword' | 'passwordCost'>,
): Promise<string | undefined> {
  if (config.adminPassword !== null) return undefined
  if ((await store.getMeta(PASSWORD_META_KEY)) !== undefined) return undefined
  // 18 random bytes: 24 characters of base64url, 144 bits, easy to paste.
  const password = randomBytes(18).toString('base64url')
  const hash = await hashPassword(password, config.passwordCost)
  // claimMeta: if two processes start at once, only the one whose hash is kept shows its password.
  return (await store.claimMeta(PASSWORD_META_KEY, hash)) === hash ? password : undefined
}
