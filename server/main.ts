import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { seedDemo } from './demo/seed.ts'
import { findProjectRoot } from './lib/find-root.ts'
import { createSqliteStore } from './store/sqlite.ts'

// The only module with side effects: it reads the environment, opens the database and listens.

/** How long open connections may take to finish after SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 5_000

async function main(): Promise<void> {
  const config = loadConfig()
  const root = findProjectRoot(import.meta.url)
  const store = createSqliteStore(config.database.path)
  if (config.moderation !== 'open') {
    console.warn(
      `CAUSERIE_MODERATION=${config.moderation} is not available yet; comments are published at once.`,
    )
  }
  if (config.demo) await seedDemo(store)
  const app = createApp({
    store,
    config,
    publicDir: join(root, 'dist', 'public'),
    demoDir: join(root, 'demo'),
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
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
      void store.close().finally(() => process.exit(0))
    })
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  // Bad configuration or an unreadable database: say what is wrong, without a stack trace.
  console.error(
    `Causerie could not start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
