import type { OutboxRow, Store } from '../../store/store.ts'

/** How often the queue is looked at: a new comment's mail leaves within about a second. */
const POLL_MS = 1_000
/** Longer than the slowest attempt can take (SMTP timeouts add up to 50 s). */
const LEASE_MS = 120_000
const BATCH = 10
/** 1 s, 2 s, 4 s … then hourly: about 13 hours of tries before an item is given up. */
const MAX_ATTEMPTS = 24
const RETRY_BASE_MS = 1_000
const RETRY_CAP_MS = 3_600_000
/** Sent and given-up items are kept a month for diagnosis, then forgotten. */
const KEEP_MS = 30 * 86_400_000
const PRUNE_EVERY_MS = 3_600_000

export interface OutboxWorkerOptions {
  store: Store
  /** Sends one item; rejects to have it retried later. */
  deliver: (row: OutboxRow) => Promise<void>
  now?: () => number
  pollMs?: number
  maxAttempts?: number
  /** The wait after `attempts` failed tries. */
  backoff?: (attempts: number) => number
  log?: (message: string) => void
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>

/** Exponential back-off with a cap. */
export function retryDelay(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

/**
 * Sends what the outbox holds, in the background: readers' requests only queue (in the same
 * database), so a slow or dead mail server never slows them, and a restart loses nothing.
 * Started by main.ts only, never by createApp, so that route tests send nothing.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { store, deliver, now = Date.now, pollMs = POLL_MS, maxAttempts = MAX_ATTEMPTS } = options
  const { backoff = retryDelay, log = (message: string) => console.warn(message) } = options
  let timer: NodeJS.Timeout | undefined
  let isRunning = false
  let isStopped = false
  let lastPrune = 0
  /** Items taken from the queue and not yet recorded; stop() hands them back. */
  const held = new Set<number>()

  async function attempt(row: OutboxRow): Promise<void> {
    const attempts = row.attempts + 1
    try {
      await deliver(row)
      // Handed back by stop() meanwhile: the store may be closing, and the next start resends.
      if (!held.has(row.id)) return
      await store.updateOutbox(row.id, { attempts, sentAt: now(), lastError: null })
    } catch (error) {
      if (!held.has(row.id)) return
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500)
      const isLast = attempts >= maxAttempts
      const delay = backoff(attempts)
      await store.updateOutbox(row.id, {
        attempts,
        lastError: reason,
        ...(isLast ? { failedAt: now() } : { nextAttemptAt: now() + delay }),
      })
      log(
        isLast
          ? `Causerie gave up sending ${row.kind} ${row.id} after ${attempts} attempts: ${reason}`
          : `Causerie could not send ${row.kind} ${row.id} (attempt ${attempts} of ${maxAttempts}, next in ${Math.ceil(delay / 1000)} s): ${reason}`,
      )
    }
  }

  /** Sends every item that is due now, oldest first, one at a time; answers how many were tried. */
  async function runOnce(): Promise<number> {
    let tried = 0
    let rows: OutboxRow[]
    do {
      const time = now()
      rows = await store.claimOutbox(time, time + LEASE_MS, BATCH)
      for (const row of rows) held.add(row.id)
      for (const row of rows) {
        if (!held.has(row.id)) continue
        await attempt(row)
        held.delete(row.id)
        tried += 1
      }
    } while (rows.length === BATCH && !isStopped)
    if (now() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now()
      await store.pruneOutbox(lastPrune - KEEP_MS)
    }
    return tried
  }

  async function tick(): Promise<void> {
    try {
      await runOnce()
    } catch (error) {
      log(`Causerie's outbox worker failed: ${error instanceof Error ? error.message : error}`)
    }
    if (isRunning) schedule()
  }

  function schedule(): void {
    timer = setTimeout(() => void tick(), pollMs)
    // The HTTP server keeps the process alive; a pending poll must not.
    timer.unref()
  }

  return {
    runOnce,
    /** Polls the queue until stop(). */
    start(): void {
      if (isRunning) return
      isRunning = true
      void tick()
    },
    /**
     * Stops polling and makes the items in hand due again at once, so that the next start
     * retries them without waiting for their lease; a send still running is not awaited.
     */
    async stop(): Promise<void> {
      isRunning = false
      isStopped = true
      clearTimeout(timer)
      const time = now()
      const released = [...held]
      held.clear()
      await Promise.all(released.map((id) => store.updateOutbox(id, { nextAttemptAt: time })))
    },
  }
}
