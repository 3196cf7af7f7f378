import type { Hono } from 'hono'
import { expect } from 'vitest'
import { createApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import type { CreatedResponse, ErrorBody, ThreadResponse } from '../../server/contract.ts'
import type { ClientAddress } from '../../server/http/client-address.ts'
import { createServices } from '../../server/services/create-services.ts'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store.ts'
import type { Store } from '../../server/store/store.ts'

/** A thread's first page without the paging and voting fields. */
export type ShownThread = Omit<ThreadResponse, 'next' | 'sort' | 'votes'>

/** Where the test clock starts: a fixed instant, so that answers are exact. */
export const TEST_T0 = Date.UTC(2025, 5, 1, 12)

/** The smallest CAUSERIE_PASSWORD_COST: a login costs 0.1 ms instead of scrypt's real price. */
export const TEST_PASSWORD_COST = 4

export interface TestAppOptions {
  /** Environment variables on top of the test defaults (no rate limit, no demo, cheap hashes). */
  env?: Record<string, string>
  clientAddress?: ClientAddress
  /** The store to serve; default: a new in-memory SQLite store. */
  store?: Store
  publicDir?: string
  demoDir?: string
}

export interface TestApp {
  app: Hono
  store: Store
  /** Moves the app's clock forward. */
  tick(ms: number): void
  /** Sends a JSON body (serialised unless it is already a string) with the JSON content type. */
  send(
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>
  /** Posts a comment that must be accepted with 201. */
  create(body: Record<string, unknown>): Promise<CreatedResponse>
  /**
   * The first page of a thread as readers see its comments: GET /api/comments without the
   * paging and voting fields (next, sort, votes, score, replies), which tests of their own check.
   */
  thread(uri: string): Promise<ShownThread>
  /** GET /api/comments with these query parameters, as answered. */
  page(query: Record<string, string | number>): Promise<ThreadResponse>
  /** Every comment stored in a thread, whatever its status: proof that a rejection stored nothing. */
  stored(uri: string): Promise<number>
}

/** A real app over an in-memory SQLite store and a fake clock, for route tests with `app.request()`. */
export function createTestApp(options: TestAppOptions = {}): TestApp {
  let clock = TEST_T0
  const store = options.store ?? createSqliteStore(':memory:')
  const config = loadConfig({
    CAUSERIE_RATE_LIMIT: '0',
    CAUSERIE_DEMO: 'off',
    CAUSERIE_PASSWORD_COST: String(TEST_PASSWORD_COST),
    ...options.env,
  })
  const now = () => clock
  const app = createApp({
    store,
    config,
    services: createServices({ store, config, now }),
    now,
    publicDir: options.publicDir ?? '/nonexistent/causerie/public',
    demoDir: options.demoDir ?? '/nonexistent/causerie/demo',
    clientAddress: options.clientAddress,
  })
  const send: TestApp['send'] = async (method, path, body, headers = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return {
    app,
    store,
    send,
    tick(ms) {
      clock += ms
    },
    async create(body) {
      const response = await send('POST', '/api/comments', body)
      expect(response.status, await response.clone().text()).toBe(201)
      return (await response.json()) as CreatedResponse
    },
    async thread(uri) {
      const response = await app.request(`/api/comments?uri=${encodeURIComponent(uri)}`)
      const { next, sort, votes, comments, ...rest } = (await response.json()) as ThreadResponse
      return { ...rest, comments: comments.map(({ score, replies, ...comment }) => comment) }
    },
    async page(query) {
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))
      const response = await app.request(`/api/comments?${params}`)
      expect(response.status, await response.clone().text()).toBe(200)
      return (await response.json()) as ThreadResponse
    },
    async stored(uri) {
      const thread = await store.findThread(uri)
      return thread ? (await store.listComments(thread.id)).length : 0
    },
  }
}

/** Asserts an error answer: its status and the documented body, with the field when given. */
export async function expectError(
  response: Response,
  status: number,
  code: string,
  field?: string,
) {
  expect(response.status).toBe(status)
  const { error } = (await response.json()) as ErrorBody
  expect(error).toEqual({ code, message: expect.stringMatching(/\S/), ...(field ? { field } : {}) })
}

/** The Authorization header for an edit token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}
