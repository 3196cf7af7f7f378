import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { type Config, loadConfig } from './config.ts'
import { seedDemo } from './demo/seed.ts'
import { findProjectRoot } from './lib/find-root.ts'
import { keyedHash } from './lib/keyed-hash.ts'
import { ensureAdminPassword } from './services/admin-auth.ts'
import { createDelivery } from './services/deliver.ts'
import { createMailSender } from './services/mail-sender.ts'
import { createOutboxWorker, type OutboxWorker } from './services/outbox-worker.ts'
import { createServerSecret } from './services/server-secret.ts'
import { createWebhookSender } from './services/webhook-sender.ts'
import { openStore } from './store/open-store.ts'
import type { Store } from './store/store.ts'

// The only module with side effects: it reads the environment, opens the database and listens.

/** How long open connections may take to finish after SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 5_000

/**
 * Limits on slow clients (slowloris): a request must send its headers within 15 s and all of
 * itself within 30 s, or it is answered 408 and closed; a 64 KB comment needs far less, even
 * on a bad mobile link. Node's own defaults (60 s and 300 s) let a few hundred trickling
 * connections hold the server's sockets. An idle keep-alive connection closes after 5 s; a proxy
 * in front should close its idle upstream connections sooner. Node checks every connection
 * against these limits each connectionsCheckingInterval.
 */
const SERVER_OPTIONS = {
  headersTimeout: 15_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
}

async function main(): Promise<void> {
  const config = loadConfig()
  const root = findProjectRoot(import.meta.url)
  const store = await openStore(config.database)
  const password = await ensureAdminPassword(store, config)
  if (password !== undefined) {
    // Only the hash is kept: this line is the one chance to read the password.
    console.log(`Causerie admin password (shown once): ${password}`)
  }
  if (config.demo) await seedDemo(store)
  const worker = startOutboxWorker(store, config)
  const app = createApp({
    store,
    config,
    publicDir: join(root, 'dist', 'public'),
    demoDir: join(root, 'demo'),
  })
  const listen = {
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: SERVER_OPTIONS,
  }
  const server = serve(listen, (info) => {
    // Scripts and tests wait for exactly this line; with PORT=0 it tells them the port.
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    console.log(`Causerie listening on http://${host}:${info.port}`)
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
function startOutboxWorker(store: Store, config: Config): OutboxWorker | undefined {
  if (config.smtpUrl === null && config.webhookUrl === null) return undefined
  const secret = createServerSecret(store)
  const from =
    config.mailFrom ??
    config.notifyEmail ??
    `causerie@${new URL(config.publicUrl ?? 'http://localhost').hostname}`
  const webhookUrl = config.webhookUrl
  const worker = createOutboxWorker({
    store,
    deliver: createDelivery({
      store,
      mail: config.smtpUrl === null ? undefined : createMailSender(config.smtpUrl, from),
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
