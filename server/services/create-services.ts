import type { Config } from '../config.ts'
import type { Store } from '../store/store.ts'
import { createClientHasher } from './client-hasher.ts'
import { createCommentService } from './comments/comments.ts'
import { createThreadPages } from './comments/thread-pages.ts'
import { createVoteService } from './comments/votes.ts'
import { createAdminAuth } from './moderation/admin-auth.ts'
import { createBlocklistService } from './moderation/blocklist.ts'
import { createModerationService } from './moderation/moderation.ts'
import { createLinkActions } from './notifications/link-actions.ts'
import { createNotifier } from './notifications/notify.ts'
import { createServerSecret } from './server-secret.ts'

export interface ServicesOptions {
  store: Store
  config: Config
  /** Epoch ms; tests pass a fake clock. */
  now: () => number
}

export type Services = ReturnType<typeof createServices>

/**
 * Builds every service over one store, each once, sharing the secret, the client hasher, the
 * blocklist and the notifier: the one place where they are wired (app.ts, and tests).
 */
export function createServices({ store, config, now }: ServicesOptions) {
  const secret = createServerSecret(store)
  const clientHashes = createClientHasher({ store, now, periodDays: config.clientKeyDays })
  const blocklist = createBlocklistService(store)
  const notifier = createNotifier({ store, config, now, secret })
  const moderation = createModerationService({ store, now, secret, clientHashes, notifier })
  return {
    secret,
    clientHashes,
    blocklist,
    notifier,
    comments: createCommentService({
      store,
      config,
      now,
      secret,
      notifier,
      blocklist,
      clientHashes,
    }),
    pages: createThreadPages({ store, votes: config.votes }),
    votes: createVoteService({ store, now, secret, clientHashes, mode: config.votes }),
    moderation,
    auth: createAdminAuth({ store, config, now }),
    links: createLinkActions({ store, now, secret, moderation }),
  }
}
