import { spawn } from 'node:child_process'
import { expect } from 'vitest'
import { expectStatus, http, type RawResponse } from './api.ts'
import { ROOT, SERVER_ENTRY } from './server.ts'

/** The password test/support/server.ts starts every server with. */
export const ADMIN_PASSWORD = 'test-admin-password-0123456789'

export interface AdminApi {
  /** The Cookie header value of the session, once logged in. */
  readonly cookie: string
  login(password?: string): Promise<RawResponse>
  /** A call to the admin API with the session cookie and the server's own Origin. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<RawResponse>
  /** A call that must answer `status` (200 by default); answers its parsed JSON. */
  json<T>(method: string, path: string, body?: unknown, status?: number): Promise<T>
}

/**
 * The admin API of one server over real HTTP, as the admin panel uses it: same-origin requests
 * that carry the session cookie the login set.
 */
export function adminApi(origin: () => string): AdminApi {
  let cookie = ''
  const call: AdminApi['call'] = (method, path, body, headers = {}) =>
    http(`${origin()}${path}`, {
      method,
      headers: {
        origin: origin(),
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  return {
    get cookie() {
      return cookie
    },
    async login(password = ADMIN_PASSWORD) {
      const res = await call('POST', '/api/admin/login', { password })
      const setCookie = res.headers['set-cookie']?.[0]
      if (res.status === 204 && setCookie) cookie = setCookie.split(';')[0] ?? ''
      return res
    },
    call,
    async json(method, path, body, status = 200) {
      const res = await call(method, path, body)
      expectStatus(res, status)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      return res.json as never
    },
  }
}

export interface PrintingServer {
  url: string
  /** Everything the process printed on stdout up to its ready line. */
  stdout: string
  stop(): Promise<void>
}

/**
 * Starts the built server on a database file and keeps what it prints before it is ready
 * (startServer keeps only stderr): where the generated admin password appears.
 */
export function startPrinting(
  dbPath: string,
  env: Record<string, string> = {},
): Promise<PrintingServer> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dbPath}`,
      CAUSERIE_DEMO: 'off',
      CAUSERIE_PASSWORD_COST: '4',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  let stdout = ''
  child.stdout?.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`The server did not start:\n${stdout}`))
    }, 20_000)
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk
      const ready = /^Causerie listening on (http:\/\/\S+?)\/?\r?\n/m.exec(stdout)
      if (ready?.[1]) {
        clearTimeout(timer)
        resolve({ url: ready[1], stdout, stop })
      }
    })
  })
}
