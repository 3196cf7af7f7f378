import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts'
import type { OutboxRow } from '../../store/store.ts'
import { createDelivery } from './deliver.ts'
import type { MailSender } from './mail-sender.ts'
import type { MailPayload } from './notification-mails.ts'
import { createOutboxWorker, retryDelay } from './outbox-worker.ts'

const T0 = Date.UTC(2025, 0, 1)

function setup(deliver: (row: OutboxRow) => Promise<void>, maxAttempts = 3) {
  let clock = T0
  const store = createSqliteStore(':memory:')
  const logs: string[] = []
  const worker = createOutboxWorker({
    store,
    deliver,
    now: () => clock,
    maxAttempts,
    log: (message) => logs.push(message),
  })
  const enqueue = (payload: string) =>
    store.enqueue([{ kind: 'webhook', payload, createdAt: clock }])
  return { store, worker, logs, enqueue, tick: (ms: number) => (clock += ms) }
}

describe('createOutboxWorker', () => {
  it('sends what is due, oldest first, and records it as sent', async () => {
    const sent: string[] = []
    const { store, worker, enqueue } = setup(async (row) => {
      sent.push(row.payload)
    })
    await enqueue('a')
    await enqueue('b')
    expect(await worker.runOnce()).toBe(2)
    expect(sent).toEqual(['a', 'b'])
    expect((await store.listOutbox()).map((row) => [row.attempts, row.sentAt])).toEqual([
      [1, T0],
      [1, T0],
    ])
    expect(await worker.runOnce()).toBe(0)
  })

  it('retries with exponential back-off, then gives up after the last attempt', async () => {
    let isUp = false
    const { store, worker, logs, enqueue, tick } = setup(async () => {
      if (!isUp) throw new Error('connect ECONNREFUSED 127.0.0.1:25')
    })
    await enqueue('x')
    expect(await worker.runOnce()).toBe(1)
    expect((await store.listOutbox())[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + 1_000,
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
      sentAt: null,
    })
    tick(999)
    expect(await worker.runOnce()).toBe(0)
    tick(1)
    expect(await worker.runOnce()).toBe(1)
    expect((await store.listOutbox())[0]?.nextAttemptAt).toBe(T0 + 1_000 + 2_000)
    tick(2_000)
    await worker.runOnce()
    expect((await store.listOutbox())[0]).toMatchObject({ attempts: 3, failedAt: T0 + 3_000 })
    isUp = true
    tick(10 * 3_600_000)
    expect(await worker.runOnce()).toBe(0)
    expect(logs.at(-1)).toMatch(/gave up sending webhook 1 after 3 attempts/)
  })

  it('grows the delay from a second to an hour', () => {
    expect([1, 2, 3, 4, 12, 13, 30].map(retryDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 2_048_000, 3_600_000, 3_600_000,
    ])
  })

  it('hands back what it holds when stopped mid-send, for the next start to retry at once', async () => {
    let finish: () => void = () => {}
    const { store, worker, enqueue } = setup(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve
        }),
    )
    await enqueue('slow')
    const running = worker.runOnce()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect((await store.listOutbox())[0]?.nextAttemptAt).toBeGreaterThan(T0)
    await worker.stop()
    expect((await store.listOutbox())[0]).toMatchObject({
      nextAttemptAt: T0,
      attempts: 0,
      sentAt: null,
    })
    finish()
    await running
    expect((await store.listOutbox())[0]?.sentAt).toBeNull()
  })

  it('polls in the background once started', async () => {
    const sent: string[] = []
    const store = createSqliteStore(':memory:')
    const worker = createOutboxWorker({
      store,
      pollMs: 5,
      deliver: async (row) => {
        sent.push(row.payload)
      },
    })
    worker.start()
    await store.enqueue([{ kind: 'mail', payload: 'later', createdAt: Date.now() }])
    await expect.poll(() => sent).toEqual(['later'])
    await worker.stop()
  })
})

describe('createDelivery', () => {
  it('skips a reply notification whose reader unsubscribed since it was queued', async () => {
    const store = createSqliteStore(':memory:')
    const sent: string[] = []
    const mail: MailSender = {
      async send(payload) {
        sent.push(payload.to)
      },
      close() {},
    }
    const deliver = createDelivery({ store, mail })
    const payload: MailPayload = {
      to: 'a@example.com',
      subject: 's',
      text: 't',
      subscriber: 'a@example.com',
    }
    const row = { kind: 'mail', payload: JSON.stringify(payload) } as OutboxRow
    await store.saveSubscriber({
      email: 'a@example.com',
      status: 'confirmed',
      confirmSentAt: 1,
      updatedAt: 1,
    })
    await deliver(row)
    await store.saveSubscriber({
      email: 'a@example.com',
      status: 'unsubscribed',
      confirmSentAt: 1,
      updatedAt: 2,
    })
    await deliver(row)
    expect(sent).toEqual(['a@example.com'])
    await expect(createDelivery({ store })(row)).rejects.toThrow(/SMTP_URL/)
  })
})
