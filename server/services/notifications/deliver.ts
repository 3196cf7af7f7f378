import type { OutboxRow, Store } from '../../store/store.ts'
import type { MailSender } from './mail-sender.ts'
import type { MailPayload } from './notification-mails.ts'
import type { WebhookSender } from './webhook-sender.ts'

export interface DeliveryOptions {
  store: Store
  /** Absent when SMTP_URL is unset: queued mails then wait, and fail, until it is set. */
  mail?: MailSender
  webhook?: WebhookSender
}

/** Sends one outbox item the way its kind says; rejects so that the worker retries. */
export function createDelivery({ store, mail, webhook }: DeliveryOptions) {
  return async function deliver(row: OutboxRow): Promise<void> {
    if (row.kind === 'webhook') {
      if (!webhook) throw new Error('CAUSERIE_WEBHOOK_URL is not set.')
      return webhook(row.payload)
    }
    if (!mail) throw new Error('SMTP_URL is not set.')
    const payload = JSON.parse(row.payload) as MailPayload
    // A reader may unsubscribe between the reply and the send: then nothing goes out.
    if (payload.subscriber !== undefined) {
      const subscriber = await store.findSubscriber(payload.subscriber)
      if (subscriber?.status !== 'confirmed') return
    }
    await mail.send(payload)
  }
}
