import type { Server as HttpServer } from 'node:http'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { type Config, loadConfig } from './config.ts'
import { seedDemo } from './demo/seed.ts'
import { limitConnections } from './http/connection-limits.ts'
import { findProjectRoot } from './lib/find-root.ts'
import { keyedHash } from './lib/keyed-hash.ts'
import { createServices } from './services/create-services.ts'
import { ensureAdminPassword } from './services/moderation/admin-auth.ts'
import { createDelivery } from './services/notifications/deliver.ts'
import { createMailSender } from './services/notifications/mail-sender.ts'
import { createOutboxWorker, type OutboxWorker } from './services/notifications/outbox-worker.ts'
import { createWebhookSender } from './services/notifications/webhook-sender.ts'
import { openStore } from './store/open-store.ts'
import type { Store } from './store/store.ts'

// The only module with side effects: it reads the environment, opens the database and listens.

/** How long open connections may take to finish after SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 5_000

/** How long an idle keep-alive connection stays open; a proxy should close its own sooner. */
const KEEP_ALIVE_MS = 5_000

/**
 * Limits on slow clients (slowloris): a request must send its headers within
 * CAUSERIE_HEADERS_SECONDS (15 s) and all of itself within CAUSERIE_REQUEST_SECONDS (30 s), or it
 * is answered 408 and closed; a 64 KB comment needs far less, even on a bad mobile link.
 * Node's own defaults (60 s and 300 s) let a few hundred trickling connections hold the server's
 * sockets. Node checks every connection against these limits each connectionsCheckingInterval:
 * 1 s, or a quarter of the header limit when that is shorter, so that a cut comes on time.
 */
function serverOptions(config: Config) {
  return {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.headersTimeoutMs / 4)),
  }
}

async function main(): Promise<void> {
  const config = loadConfig()
  const root = findProjectRoot(import.meta.url)
  const store = await openStore(config.database)
  // Built once: the app, the demo seed and the outbox worker share one secret and one notifier.
  const services = createServices({ store, config, now: Date.now })
  const password = await ensureAdminPassword(store, config)
  if (password !== undefined) {
    // Only the hash is kept: this line is the one chance to read the password.
    console.log(`Causerie admin password (shown once): ${password}`)
  }
  if (config.demo) await seedDemo(store, services.secret)
  const worker = startOutboxWorker(store, config, services.secret)
  const app = createApp({
    store,
    config,
    services,
    publicDir: join(root, 'dist', 'public'),
    demoDir: join(root, 'demo'),
  })
  const listen = {
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: serverOptions(config),
  }
  const server = serve(listen, (info) => {
    // Scripts and tests wait for exactly this line; with PORT=0 it tells them the port.
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    console.log(`Causerie listening on http://${host}:${info.port}`)
  })
  const stopLimits = limitConnections(server as HttpServer, {
    sendTimeoutMs: config.sendTimeoutMs,
    perClient: config.clientConnections,
    trustProxy: config.trustProxy,
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      `Causerie could not listen on ${config.host}:${config.port}: ${error.code ?? error.message}`,
    )
    void store.close().finally(() => process.exit(1))
  })

  let isClosing = false
  const shutdown = () => {
    if (isClosing) return
    isClosing = true
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    stopLimits()
    server.close(() => {
      void (worker?.stop() ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => store.close())
        .finally(() => process.exit(0))
    })
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

/** Sends queued mails and webhook calls, when any is configured; createApp only queues them. */
function startOutboxWorker(
  store: Store,
  config: Config,
  secret: () => Promise<Buffer>,
): OutboxWorker | undefined {
  if (config.smtpUrl === null && config.webhookUrl === null) return undefined
  const { mailFrom, webhookUrl } = config
  const worker = createOutboxWorker({
    store,
    deliver: createDelivery({
      store,
      mail:
        config.smtpUrl === null || mailFrom === null
          ? undefined
          : createMailSender(config.smtpUrl, mailFrom),
      webhook:
        webhookUrl === null
          ? undefined
          : createWebhookSender(
              webhookUrl,
              // Derived, and printed nowhere: set CAUSERIE_WEBHOOK_SECRET to check signatures.
              async () => config.webhookSecret ?? keyedHash(await secret(), 'webhook'),
            ),
    }),
  })
  worker.start()
  return worker
}

main().catch((error: unknown) => {
  // Bad configuration or an unreadable database: say what is wrong, without a stack trace.
  console.error(
    `Causerie could not start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
