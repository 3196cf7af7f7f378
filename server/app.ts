import { type Context, Hono } from 'hono'
import type { Config } from './config.ts'
import { type ClientAddress, clientAddress } from './http/client-address.ts'
import { errorBody, errorHandler } from './http/error-handler.ts'
import { originPolicy } from './http/origin-policy.ts'
import { rateLimit } from './http/rate-limit.ts'
import { securityHeaders } from './http/security-headers.ts'
import { selfOrigins } from './http/self-origins.ts'
import { ADMIN_PREFIX, adminRoutes } from './routes/admin.ts'
import { adminPageRoutes } from './routes/admin-page.ts'
import { commentRoutes } from './routes/comments.ts'
import { countRoutes } from './routes/counts.ts'
import { demoPageRoutes } from './routes/demo-page.ts'
import { healthRoutes } from './routes/health.ts'
import { mailLinkRoutes } from './routes/mail-links.ts'
import { previewRoutes } from './routes/preview.ts'
import { widgetFileRoutes } from './routes/widget-files.ts'
import type { Services } from './services/create-services.ts'
import type { Store } from './store/store.ts'

/** Votes one client may cast per minute, across comments. */
const VOTES_PER_MINUTE = 120

export interface AppOptions {
  store: Store
  config: Config
  /** Every service, built once by createServices over the same store, config and clock. */
  services: Services
  /** Epoch ms, for the rate limits; tests inject the clock their services have. */
  now?: () => number
  /** Where the built widget lives (embed.js, assets/). */
  publicDir: string
  /** Where the demo page lives. */
  demoDir: string
  /** Overrides how a request's client is found; tests use it to play several clients. */
  clientAddress?: ClientAddress
}

/**
 * Builds the whole HTTP application; it never listens (main.ts does, tests call app.request)
 * and never sends mail: it only queues it, and main.ts starts the worker that sends.
 */
export function createApp(options: AppOptions): Hono {
  const { store, config, services, now = Date.now } = options
  const addressOf = options.clientAddress ?? clientAddress(config.trustProxy)
  const { clientHashes, blocklist, moderation, auth, links, pages, votes } = services
  const service = services.comments
  const publicOrigins = originPolicy({
    origins: config.origins,
    selfOrigins: selfOrigins(config.trustProxy),
  })
  const postLimit = rateLimit({
    limit: config.rateLimit,
    windowMs: 60_000,
    // The current key's hash: at a rotation a client's minute starts afresh, once a period.
    key: async (c) => (await clientHashes(addressOf(c))).current,
    now,
    counts: isReadBody,
  })
  const voteLimit = rateLimit({
    // Enough to vote on every comment a reader reads; off with the comment limit (benchmarks).
    limit: config.rateLimit === 0 ? 0 : VOTES_PER_MINUTE,
    windowMs: 60_000,
    key: async (c) => (await clientHashes(addressOf(c))).current,
    now,
    counts: isReadBody,
    message: (seconds) => `Too many votes; try again in ${seconds} seconds.`,
  })

  const app = new Hono()
  app.use(securityHeaders())
  app.use('/api/*', noStore)
  app.use('/healthz', noStore)
  // The admin API has its own, stricter guard, and never any CORS.
  app.use('/api/*', function apiOrigins(c, next) {
    return isAdminPath(c.req.path) ? next() : publicOrigins(c, next)
  })
  app.route(
    ADMIN_PREFIX,
    adminRoutes({
      config,
      auth,
      moderation,
      blocklist,
      clientAddress: addressOf,
      clientHashes,
      now,
    }),
  )
  app.route(
    '/api/comments',
    commentRoutes({ service, pages, votes, clientAddress: addressOf, postLimit, voteLimit }),
  )
  app.route('/api/counts', countRoutes(service))
  app.route('/api/preview', previewRoutes(service))
  app.route(
    '/healthz',
    healthRoutes(() => store.ping()),
  )
  app.route('/', mailLinkRoutes(links))
  app.route('/', widgetFileRoutes(options.publicDir))
  app.route('/', adminPageRoutes(options.publicDir))
  if (config.demo) app.route('/', demoPageRoutes(options.demoDir))

  app.notFound((c) => {
    if (!c.req.path.startsWith('/api/')) return c.text('Not Found', 404)
    return c.json(errorBody('not_found', `There is no ${c.req.method} ${c.req.path}.`), 404)
  })
  app.onError(errorHandler)
  return app
}

/**
 * Which POSTs use up a slot of the rate limit: every one whose JSON body was read, refused ones
 * included: giving 422s back let a client repeat a duplicate or invalid comment forever, each
 * one costing the checks and their queries. Only a body refused before it could be read as a
 * JSON object (400 malformed, 413 too large, 415 not JSON) gives its slot back.
 */
function isReadBody(status: number): boolean {
  return status !== 400 && status !== 413 && status !== 415
}

function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)
}

async function noStore(c: Context, next: () => Promise<void>): Promise<void> {
  await next()
  // Not c.header(): see security-headers.ts.
  c.res.headers.set('Cache-Control', 'no-store')
}
