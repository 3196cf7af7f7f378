import { isIP } from 'node:net'
import { DEFAULT_EDIT_MINUTES, type ModerationMode, type VoteMode } from './contract.ts'
import { isEmail } from './lib/is-email.ts'

export type { ModerationMode, VoteMode }

export interface Config {
  port: number
  host: string
  /** Time a request has to send its headers (CAUSERIE_HEADERS_SECONDS), then 408. */
  headersTimeoutMs: number
  /** Time a request has to send all of itself (CAUSERIE_REQUEST_SECONDS), then 408. */
  requestTimeoutMs: number
  /** Time an answer has to be read by its client (CAUSERIE_SEND_SECONDS), then the socket is cut. */
  sendTimeoutMs: number
  /** Open connections one client may hold (CAUSERIE_CLIENT_CONNECTIONS); 0: no limit. */
  clientConnections: number
  /** A file path, or ':memory:'. PostgreSQL comes with its own store. */
  database: { kind: 'sqlite'; path: string }
  /** Origins (scheme://host[:port]) allowed to post besides the server's own. */
  origins: string[]
  /** Comments per minute per client; 0 disables the limit. */
  rateLimit: number
  /** Proxy addresses whose X-Forwarded-For is believed. */
  trustProxy: string[]
  editMinutes: number
  demo: boolean
  moderation: ModerationMode
  /** CAUSERIE_ADMIN_PASSWORD; null: the one generated on first start, kept hashed in the store. */
  adminPassword: string | null
  /** scrypt cost of the admin password's hash, as log2 N (CAUSERIE_PASSWORD_COST). */
  passwordCost: number
  /** Links allowed in one comment (CAUSERIE_MAX_LINKS); more is refused with too_many_links. */
  maxLinks: number
  /** Days one key makes new client hashes before the next (CAUSERIE_CLIENT_KEY_DAYS). */
  clientKeyDays: number
  /** CAUSERIE_VOTES: up and down votes, up votes only, or none. */
  votes: VoteMode
  /** smtp:// or smtps:// URL, credentials included; null: no mail at all. */
  smtpUrl: string | null
  /** Where the owner's mail about each new comment goes; null: no owner mail. */
  notifyEmail: string | null
  /**
   * The sender of every mail: CAUSERIE_MAIL_FROM, else the notify address, else causerie@ the
   * public host; null only without a public URL, hence without mail.
   */
  mailFrom: string | null
  /** The server's URL as readers reach it, without a trailing slash: the base of links in mails. */
  publicUrl: string | null
  webhookUrl: string | null
  /** Key of the webhook's HMAC signature; null: one derived from the server's secret. */
  webhookSecret: string | null
}

type Env = Record<string, string | undefined>

/** Reads the environment once at start; throws an Error naming the variable when a value is bad. */
export function loadConfig(env: Env = process.env): Config {
  return {
    port: integer(env, 'PORT', 8080, 65_535),
    host: env.HOST?.trim() || '127.0.0.1',
    ...timeouts(env),
    database: database(env.DATABASE_URL?.trim() || 'sqlite:data/causerie.db'),
    origins: list(env.CAUSERIE_ORIGINS).map(origin),
    rateLimit: integer(env, 'CAUSERIE_RATE_LIMIT', 5, 1_000_000),
    trustProxy: list(env.CAUSERIE_TRUST_PROXY).map(proxyAddress),
    // One year is far beyond any sensible window and keeps the millisecond sum exact.
    editMinutes: integer(env, 'CAUSERIE_EDIT_MINUTES', DEFAULT_EDIT_MINUTES, 525_600),
    demo: flag(env, 'CAUSERIE_DEMO', true),
    moderation: moderation(env.CAUSERIE_MODERATION?.trim() || 'open'),
    adminPassword: env.CAUSERIE_ADMIN_PASSWORD?.trim() || null,
    // 15: 32 MiB and ~50 ms a try (server/lib/password-hash.ts); each step doubles both, so 20
    // (1 GiB) is the most a small server can afford. Below 4 nothing is saved; tests use 4.
    passwordCost: integer(env, 'CAUSERIE_PASSWORD_COST', 15, 20, 4),
    maxLinks: integer(env, 'CAUSERIE_MAX_LINKS', 3, 1_000),
    clientKeyDays: clientKeyDays(env),
    votes: votes(env.CAUSERIE_VOTES?.trim() || 'on'),
    ...notifications(env),
  }
}

type NotificationConfig = Pick<
  Config,
  'smtpUrl' | 'notifyEmail' | 'mailFrom' | 'publicUrl' | 'webhookUrl' | 'webhookSecret'
>

function notifications(env: Env): NotificationConfig {
  const smtpUrl = smtp(env.SMTP_URL?.trim() || null)
  const notifyEmail = address(env, 'CAUSERIE_NOTIFY_EMAIL')
  const publicUrl = webUrl(env, 'CAUSERIE_PUBLIC_URL')?.replace(/\/+$/, '') ?? null
  if (smtpUrl && !publicUrl) {
    throw new Error(
      'Invalid configuration: SMTP_URL needs CAUSERIE_PUBLIC_URL for the links in mails.',
    )
  }
  if (notifyEmail && !smtpUrl) {
    throw new Error('Invalid configuration: CAUSERIE_NOTIFY_EMAIL needs SMTP_URL to send through.')
  }
  return {
    smtpUrl,
    notifyEmail,
    mailFrom:
      address(env, 'CAUSERIE_MAIL_FROM') ??
      notifyEmail ??
      (publicUrl ? `causerie@${new URL(publicUrl).hostname}` : null),
    publicUrl,
    webhookUrl: webUrl(env, 'CAUSERIE_WEBHOOK_URL'),
    webhookSecret: env.CAUSERIE_WEBHOOK_SECRET?.trim() || null,
  }
}

function smtp(raw: string | null): string | null {
  if (raw === null) return null
  const url = URL.parse(raw)
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    // Never echo the value: it carries the mail password.
    throw new Error(
      'Invalid SMTP_URL: expected smtp://user:pass@host:587 or smtps://user:pass@host:465.',
    )
  }
  return raw
}

function address(env: Env, name: string): string | null {
  const raw = env[name]?.trim()
  if (!raw) return null
  if (!isEmail(raw))
    throw new Error(`Invalid ${name} "${raw}": expected an address like me@example.com.`)
  return raw
}

function webUrl(env: Env, name: string): string | null {
  const raw = env[name]?.trim()
  if (!raw) return null
  const url = URL.parse(raw)
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
    throw new Error(`Invalid ${name}: expected an absolute http(s) URL.`)
  }
  return url.href
}

function integer(env: Env, name: string, fallback: number, max: number, min = 0): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value > max || value < min) {
    throw new Error(`Invalid ${name} "${raw}": expected a whole number from ${min} to ${max}.`)
  }
  return value
}

/**
 * Slow-client limits (server/main.ts, server/http/connection-limits.ts): 15 s for the headers,
 * 30 s for the whole request and 30 s to read the answer by default, at most an hour each.
 * Node refuses a header limit above the request's.
 */
function timeouts(
  env: Env,
): Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'sendTimeoutMs' | 'clientConnections'> {
  const headers = integer(env, 'CAUSERIE_HEADERS_SECONDS', 15, 3600, 1)
  const request = integer(env, 'CAUSERIE_REQUEST_SECONDS', 30, 3600, 1)
  if (headers > request) {
    throw new Error(
      `Invalid configuration: CAUSERIE_HEADERS_SECONDS (${headers}) exceeds CAUSERIE_REQUEST_SECONDS (${request}).`,
    )
  }
  return {
    headersTimeoutMs: headers * 1000,
    requestTimeoutMs: request * 1000,
    sendTimeoutMs: integer(env, 'CAUSERIE_SEND_SECONDS', 30, 3600, 1) * 1000,
    // A browser opens at most 6 connections to a host; a household behind one address, a few
    // browsers. Behind a trusted proxy every connection is the proxy's, so none is counted.
    clientConnections: integer(env, 'CAUSERIE_CLIENT_CONNECTIONS', 32, 100_000),
  }
}

/** At least a day: a key per request would forget every ban; at most ten years. */
function clientKeyDays(env: Env): number {
  const days = integer(env, 'CAUSERIE_CLIENT_KEY_DAYS', 30, 3650)
  if (days === 0) {
    throw new Error('Invalid CAUSERIE_CLIENT_KEY_DAYS "0": expected a whole number from 1 to 3650.')
  }
  return days
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'on', 'true', 'yes'].includes(raw)) return true
  if (['0', 'off', 'false', 'no'].includes(raw)) return false
  throw new Error(`Invalid ${name} "${env[name]}": expected on or off.`)
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function database(url: string): Config['database'] {
  if (/^postgres(ql)?:/i.test(url)) {
    throw new Error('Invalid DATABASE_URL: PostgreSQL store not available yet; use sqlite:PATH.')
  }
  if (!url.startsWith('sqlite:')) {
    throw new Error(`Invalid DATABASE_URL "${url}": expected sqlite:PATH or sqlite::memory:.`)
  }
  // Accept both sqlite:data/x.db and the URL-looking sqlite:///abs/x.db.
  const path = url.slice('sqlite:'.length).replace(/^\/\//, '')
  if (path === '') throw new Error('Invalid DATABASE_URL "sqlite:": the file path is missing.')
  return { kind: 'sqlite', path }
}

function origin(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(
      `Invalid CAUSERIE_ORIGINS entry "${raw}": expected an origin like https://blog.example.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid CAUSERIE_ORIGINS entry "${raw}": only http and https origins can embed.`,
    )
  }
  return url.origin
}

function proxyAddress(raw: string): string {
  if (isIP(raw) === 0) {
    throw new Error(`Invalid CAUSERIE_TRUST_PROXY entry "${raw}": expected an IP address.`)
  }
  return raw
}

function moderation(raw: string): ModerationMode {
  if (raw === 'open' || raw === 'first-time' || raw === 'all') return raw
  throw new Error(`Invalid CAUSERIE_MODERATION "${raw}": expected open, first-time or all.`)
}

function votes(raw: string): VoteMode {
  if (raw === 'on' || raw === 'up' || raw === 'off') return raw
  throw new Error(`Invalid CAUSERIE_VOTES "${raw}": expected on, up or off.`)
}
