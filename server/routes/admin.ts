import { Hono } from 'hono'
import type { Config } from '../config.ts'
import { adminGuard } from '../http/admin-guard.ts'
import type { ClientAddress } from '../http/client-address.ts'
import { rateLimit } from '../http/rate-limit.ts'
import { isHttps, selfOrigins } from '../http/self-origins.ts'
import type { ClientHasher } from '../services/client-hasher.ts'
import type { AdminAuth } from '../services/moderation/admin-auth.ts'
import type { BlocklistService } from '../services/moderation/blocklist.ts'
import type { ModerationService } from '../services/moderation/moderation.ts'
import { adminCommentRoutes } from './admin-comments.ts'
import { adminSessionRoutes } from './admin-session.ts'
import { adminSettingRoutes } from './admin-settings.ts'
import { adminThreadRoutes } from './admin-threads.ts'

/** Failed logins allowed per client and minute, as the issue asks; the next answers 429. */
const LOGIN_FAILURES = 5

/** Where the admin API is mounted; the guard's paths are absolute. */
export const ADMIN_PREFIX = '/api/admin'

export interface AdminRoutesOptions {
  config: Config
  auth: AdminAuth
  moderation: ModerationService
  blocklist: BlocklistService
  clientAddress: ClientAddress
  clientHashes: ClientHasher
  now: () => number
}

/** /api/admin/*: the moderation panel's API, behind the session and Origin guard. */
export function adminRoutes(options: AdminRoutesOptions): Hono {
  const { config, auth, moderation, blocklist, clientAddress, clientHashes, now } = options
  const loginLimit = rateLimit({
    limit: LOGIN_FAILURES,
    windowMs: 60_000,
    key: async (c) => (await clientHashes(clientAddress(c))).current,
    now,
    // Only failures use up a try: the owner who types it right is never locked out by the limit.
    counts: (status) => status === 401,
    message: (seconds) => `Too many failed logins; try again in ${seconds} seconds.`,
  })
  return new Hono()
    .use(
      '*',
      adminGuard({
        isSession: async (id) => (await auth.session(id)) !== undefined,
        selfOrigins: selfOrigins(config.trustProxy),
        openPaths: [`${ADMIN_PREFIX}/login`],
      }),
    )
    .route(
      '/',
      adminSessionRoutes({
        auth,
        config,
        loginLimit,
        isHttps: (c) => isHttps(c, config.trustProxy),
        cookiePath: ADMIN_PREFIX,
      }),
    )
    .route('/comments', adminCommentRoutes(moderation, clientAddress))
    .route('/threads', adminThreadRoutes(moderation))
    .route('/', adminSettingRoutes(blocklist, moderation))
}
