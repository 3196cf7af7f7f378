import type { Hono } from 'hono'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import type { ClientAddress } from './lib/client-address.ts'
import { createSqliteStore } from './store/sqlite.ts'
import type { Store } from './store/store.ts'

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (no rate limit, no demo). */
  env?: Record<string, string>
  now?: () => number
  clientAddress?: ClientAddress
  publicDir?: string
  demoDir?: string
}

export interface TestApp {
  app: Hono
  store: Store
  /** Sends a JSON body (serialised unless it is already a string) with the JSON content type. */
  send(
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>
  /** Every comment stored in a thread, whatever its status: proof that a rejection stored nothing. */
  stored(uri: string): Promise<number>
}

/** A real app over an in-memory SQLite store, for route tests with `app.request()`. */
export function createTestApp(options: TestAppOptions = {}): TestApp {
  const store = createSqliteStore(':memory:')
  const config = loadConfig({ CAUSERIE_RATE_LIMIT: '0', CAUSERIE_DEMO: 'off', ...options.env })
  const app = createApp({
    store,
    config,
    now: options.now,
    publicDir: options.publicDir ?? '/nonexistent/causerie/public',
    demoDir: options.demoDir ?? '/nonexistent/causerie/demo',
    clientAddress: options.clientAddress,
  })
  return {
    app,
    store,
    async send(method, path, body, headers = {}) {
      return app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
    },
    async stored(uri) {
      const thread = await store.findThread(uri)
      return thread ? (await store.listComments(thread.id)).length : 0
    },
  }
}
