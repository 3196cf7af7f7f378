import type { Context, MiddlewareHandler } from 'hono'
import { DomainError } from '../errors.ts'

export interface RateLimitOptions {
  /** Accepted requests per window and client; 0 turns the limit off. */
  limit: number
  windowMs: number
  /** Identifies the client; may be async, but counting happens only once it is known. */
  key: (c: Context) => string | Promise<string>
  now?: () => number
  /** Bound on remembered clients, so that a flood of addresses cannot exhaust memory. */
  maxClients?: number
  /** Which answers use up a slot; default: successes (the limit is on comments, not on typos). */
  counts?: (status: number) => boolean
  /** What the 429 says. */
  message?: (seconds: number) => string
}

/**
 * Limits accepted requests per client over a sliding window. The check and the count happen
 * together with no await in between, so a concurrent burst cannot all pass the check before
 * any is counted (the race of count-then-insert limiters). A request whose answer does not
 * count (by default, an error: the limit is on comments, not on typos) gives its slot back.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { limit, windowMs, key, now = Date.now, maxClients = 100_000 } = options
  const { counts = (status: number) => status < 400 } = options
  const message =
    options.message ?? ((seconds) => `Too many comments; try again in ${seconds} seconds.`)
  /** Per client, the times of its recent requests, oldest first, at most `limit` of them. */
  const hits = new Map<string, number[]>()
  let lastSweep = 0

  function sweep(time: number): void {
    lastSweep = time
    for (const [client, times] of hits) {
      if ((times.at(-1) ?? 0) <= time - windowMs) hits.delete(client)
    }
  }

  /** Counts the request and answers 0, or answers how many ms remain until the client may retry. */
  function take(client: string, time: number): number {
    if (time - lastSweep >= windowMs) sweep(time)
    const times = (hits.get(client) ?? []).filter((at) => at > time - windowMs)
    if (times.length >= limit) return (times[0] ?? time) + windowMs - time
    times.push(time)
    hits.delete(client)
    // Map order is insertion order: the first entry is the least recently seen client.
    if (hits.size >= maxClients) hits.delete(hits.keys().next().value ?? '')
    hits.set(client, times)
    return 0
  }

  function giveBack(client: string, time: number): void {
    const times = hits.get(client)
    const index = times?.lastIndexOf(time) ?? -1
    if (index >= 0) times?.splice(index, 1)
  }

  return async function rateLimit(c, next) {
    if (limit === 0) return next()
    const client = await key(c)
    const time = now()
    const waitMs = take(client, time)
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000))
      c.header('Retry-After', String(seconds))
      throw new DomainError('rate_limited', message(seconds))
    }
    // Hono's onError has already turned a thrown error into c.res here.
    await next()
    if (!counts(c.res.status)) giveBack(client, time)
  }
}
