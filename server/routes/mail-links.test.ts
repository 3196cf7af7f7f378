import { describe, expect, it } from 'vitest'
import { ADMIN_ENV, adminTestApp } from '../../test/support/create-admin-client.ts'
import { bearer, createTestApp, type TestApp } from '../../test/support/create-test-app.ts'
import type { CreatedResponse } from '../contract.ts'
import { commentVersion, signLink } from '../services/notifications/mail-links.ts'
import type { MailPayload } from '../services/notifications/notification-mails.ts'
import { linkKey } from '../services/notifications/notify.ts'
import { createServerSecret } from '../services/server-secret.ts'

const PUBLIC = 'https://comments.example'
const ENV = {
  ...ADMIN_ENV,
  SMTP_URL: 'smtp://127.0.0.1:2525',
  CAUSERIE_PUBLIC_URL: PUBLIC,
  CAUSERIE_NOTIFY_EMAIL: 'owner@blog.example',
  CAUSERIE_MODERATION: 'all',
}
const DAY = 86_400_000

/** Posts a held comment and answers the paths of its mail's Approve and Delete links. */
async function heldComment(t: TestApp, body: Record<string, unknown> = {}) {
  const response = await t.send('POST', '/api/comments', { uri: '/p', text: 'held text', ...body })
  const id = ((await response.json()) as { comment: { id: number } }).comment.id
  const rows = await t.store.listOutbox()
  const mail = JSON.parse(rows.at(-1)?.payload ?? '{}') as MailPayload
  const path = (label: string) =>
    new RegExp(`${label}: ${PUBLIC}(/moderate\\?token=\\S+)`).exec(mail.text)?.[1] ?? ''
  return { id, approve: path('Approve'), remove: path('Delete') }
}

const click = (t: TestApp, path: string) => t.app.request(path, { method: 'POST' })

describe('/moderate', () => {
  it('shows a page that changes nothing when opened, under a strict CSP', async () => {
    const t = createTestApp({ env: ENV })
    const { id, approve } = await heldComment(t, { name: '<img src=x onerror=alert(1)>' })
    const page = await t.app.request(approve)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toContain('<form method="post"><button type="submit">Approve</button></form>')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    expect((await t.store.findComment(id))?.status).toBe('pending')
  })

  it('approves with the POST of the page, once; the mail’s Delete link is used up too', async () => {
    const t = createTestApp({ env: ENV })
    const { id, approve, remove } = await heldComment(t)
    const done = await click(t, approve)
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Comment approved')
    expect((await t.thread('/p')).comments.map((comment) => comment.id)).toEqual([id])
    const again = await click(t, approve)
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('used already')
    expect((await click(t, remove)).status).toBe(409)
    expect((await t.store.findComment(id))?.status).toBe('published')
  })

  it('deletes softly with the Delete link', async () => {
    const t = createTestApp({ env: ENV })
    const { id, remove } = await heldComment(t)
    expect((await click(t, remove)).status).toBe(200)
    expect(await t.store.findComment(id)).toMatchObject({ status: 'deleted', text: 'held text' })
  })

  it('refuses forged, altered, truncated and expired links, changing nothing', async () => {
    const t = createTestApp({ env: ENV })
    const { id, approve } = await heldComment(t)
    const token = new URL(approve, PUBLIC).searchParams.get('token') ?? ''
    const [body = '', signature = ''] = token.split('.')
    const otherKey = Buffer.alloc(32, 7)
    const forged = signLink(otherKey, {
      kind: 'approve',
      commentId: id,
      nonce: 'n',
      version: commentVersion('held text'),
      expiresAt: Date.UTC(2030, 0),
    })
    const bad = [
      forged,
      `${body}.${signature.slice(0, -2)}AA`,
      `${Buffer.from('{"k":"approve","c":1,"n":"x","e":9e15}').toString('base64url')}.${signature}`,
      body,
      '',
      'a.b.c',
    ]
    for (const value of bad) {
      const response = await click(t, `/moderate?token=${encodeURIComponent(value)}`)
      expect(response.status, value).toBe(400)
      expect(await response.text()).toContain('This link does not work')
    }
    t.tick(7 * DAY)
    const expired = await click(t, approve)
    expect(expired.status).toBe(410)
    expect((await t.app.request(approve)).status).toBe(410)
    expect((await t.store.findComment(id))?.status).toBe('pending')
  })

  it('refuses to approve a comment edited since the mail, and says to use the admin panel', async () => {
    const t = createTestApp({ env: ENV })
    const response = await t.send('POST', '/api/comments', { uri: '/p', text: 'harmless' })
    const { comment, token } = (await response.json()) as CreatedResponse
    const rows = await t.store.listOutbox()
    const mail = JSON.parse(rows.at(-1)?.payload ?? '{}') as MailPayload
    const approve = /Approve: https:\/\/comments\.example(\S+)/.exec(mail.text)?.[1] ?? ''
    const remove = /Delete: https:\/\/comments\.example(\S+)/.exec(mail.text)?.[1] ?? ''
    const edited = await t.send(
      'PATCH',
      `/api/comments/${comment.id}`,
      { text: 'BUY CHEAP PILLS' },
      bearer(token),
    )
    expect(edited.status).toBe(200)
    for (const answer of [await t.app.request(approve), await click(t, approve)]) {
      expect(answer.status).toBe(409)
      const page = await answer.text()
      expect(page).toContain('This comment has changed')
      expect(page).toContain('Review it in the admin panel')
      expect(page).not.toContain('<form')
    }
    expect((await t.store.findComment(comment.id))?.status).toBe('pending')
    // Deleting what the owner did not want stays possible whatever the text became.
    expect((await click(t, remove)).status).toBe(200)
    expect((await t.store.findComment(comment.id))?.status).toBe('deleted')
  })

  it('refuses to approve a comment the owner edited in the panel since the mail', async () => {
    const t = await adminTestApp(ENV)
    const { id, approve } = await heldComment(t)
    await t.admin.json('PATCH', `/api/admin/comments/${id}`, { text: 'fixed by the owner' })
    expect((await click(t, approve)).status).toBe(409)
    expect((await t.store.findComment(id))?.status).toBe('pending')
  })

  it('refuses a link of another kind on another page', async () => {
    const t = createTestApp({ env: ENV })
    const key = await linkKey(createServerSecret(t.store))
    const unsubscribe = signLink(key, { kind: 'unsubscribe', email: 'a@example.com' })
    expect((await click(t, `/moderate?token=${unsubscribe}`)).status).toBe(400)
    const { approve } = await heldComment(t)
    expect((await click(t, approve.replace('/moderate', '/unsubscribe'))).status).toBe(400)
  })

  it('answers 404 for a comment that is gone, and 405 to other methods', async () => {
    const t = createTestApp({ env: ENV })
    const key = await linkKey(createServerSecret(t.store))
    const token = signLink(key, {
      kind: 'delete',
      commentId: 999,
      nonce: 'z',
      version: commentVersion(''),
      expiresAt: Date.UTC(2030, 0),
    })
    expect((await t.app.request(`/moderate?token=${token}`)).status).toBe(404)
    expect((await t.app.request('/moderate', { method: 'PUT' })).status).toBe(405)
  })
})

describe('/subscriptions/confirm and /unsubscribe', () => {
  it('confirm and unsubscribe an address with the POST of their page', async () => {
    const t = createTestApp({ env: ENV })
    const key = await linkKey(createServerSecret(t.store))
    const confirm = signLink(key, {
      kind: 'confirm',
      email: 'a@example.com',
      expiresAt: Date.UTC(2030, 0),
    })
    const page = await t.app.request(`/subscriptions/confirm?token=${confirm}`)
    expect(await page.text()).toContain('a@example.com')
    expect(await t.store.findSubscriber('a@example.com')).toBeUndefined()
    expect((await click(t, `/subscriptions/confirm?token=${confirm}`)).status).toBe(200)
    expect((await t.store.findSubscriber('a@example.com'))?.status).toBe('confirmed')
    const unsubscribe = signLink(key, { kind: 'unsubscribe', email: 'a@example.com' })
    const form = new FormData()
    form.set('List-Unsubscribe', 'One-Click')
    const response = await t.app.request(`/unsubscribe?token=${unsubscribe}`, {
      method: 'POST',
      body: form,
    })
    expect(response.status).toBe(200)
    expect((await t.store.findSubscriber('a@example.com'))?.status).toBe('unsubscribed')
  })

  it('accepts the token in the form body too, and refuses an oversized form', async () => {
    const t = createTestApp({ env: ENV })
    const key = await linkKey(createServerSecret(t.store))
    const unsubscribe = signLink(key, { kind: 'unsubscribe', email: 'b@example.com' })
    const response = await t.app.request('/unsubscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${unsubscribe}`,
    })
    expect(response.status).toBe(200)
    const big = await t.app.request('/unsubscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${'x'.repeat(10_000)}`,
    })
    expect(big.status).toBe(413)
  })
})
