import type { Config } from '../config.ts'
import type { Store } from '../store/store.ts'
import { createAdminAuth } from './admin-auth.ts'
import { createBlocklistService } from './blocklist.ts'
import { createClientHasher } from './client-hasher.ts'
import { createCommentService } from './comments.ts'
import { createLinkActions } from './link-actions.ts'
import { createModerationService } from './moderation.ts'
import { createNotifier } from './notify.ts'
import { createServerSecret } from './server-secret.ts'
import { createThreadPages } from './thread-pages.ts'
import { createVoteService } from './votes.ts'

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
