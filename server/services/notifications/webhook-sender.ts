import { createHmac } from 'node:crypto'

/** The header carrying "sha256=" and the hex HMAC-SHA256 of the exact body bytes. */
export const SIGNATURE_HEADER = 'X-Causerie-Signature'
const TIMEOUT_MS = 10_000

export type WebhookSender = (body: string) => Promise<void>

/**
 * POSTs a JSON body to CAUSERIE_WEBHOOK_URL, the one URL this server ever requests: no redirect
 * is followed, so nothing else can be reached through it. Rejects unless the answer is a 2xx.
 */
export function createWebhookSender(
  url: string,
  secret: () => Promise<Buffer | string>,
  fetchImpl: typeof fetch = fetch,
): WebhookSender {
  return async function sendWebhook(body) {
    const signature = createHmac('sha256', await secret())
      .update(body, 'utf8')
      .digest('hex')
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Causerie',
        [SIGNATURE_HEADER]: `sha256=${signature}`,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    // Read and drop the body, so that the connection can be reused or closed cleanly.
    await response.arrayBuffer().catch(() => undefined)
    if (!response.ok) throw new Error(`The webhook answered ${response.status}.`)
  }
}
