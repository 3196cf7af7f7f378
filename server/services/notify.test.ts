import { describe, expect, it } from 'vitest'
import { ADMIN_ENV, loginAdmin } from '../create-admin-client.ts'
import { createTestApp, type TestApp } from '../create-test-app.ts'
import type { MailPayload } from './notification-mails.ts'

const MAIL_ENV = {
  SMTP_URL: 'smtp://user:pass@127.0.0.1:2525',
  CAUSERIE_PUBLIC_URL: 'https://comments.blog.example/',
  CAUSERIE_NOTIFY_EMAIL: 'owner@blog.example',
}

function setup(env: Record<string, string> = {}): TestApp {
  return createTestApp({ env: { ...MAIL_ENV, ...ADMIN_ENV, ...env } })
}

async function post(t: TestApp, body: Record<string, unknown>): Promise<number> {
  const response = await t.send('POST', '/api/comments', { uri: '/post', title: 'A post', ...body })
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return ((await response.json()) as { comment: { id: number } }).comment.id
}

async function mails(t: TestApp): Promise<MailPayload[]> {
  return (await t.store.listOutbox())
    .filter((row) => row.kind === 'mail')
    .map((row) => JSON.parse(row.payload) as MailPayload)
}

/** The first link in a text that starts with this URL prefix. */
function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s/).find((word) => word.startsWith(prefix))
  if (!found) throw new Error(`No ${prefix} link in:\n${text}`)
  return found
}

describe('the owner’s mail', () => {
  it('is queued for a new comment, with the text, a link to it, and Approve and Delete links', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all', CAUSERIE_ORIGINS: 'https://blog.example' })
    const id = await post(t, {
      text: 'Nice *post*\nline two',
      name: 'Ann',
      email: 'ann@example.com',
    })
    const [mail, ...others] = await mails(t)
    expect(others).toEqual([])
    expect(mail).toMatchObject({
      to: 'owner@blog.example',
      subject: 'To approve: Ann commented on “A post” (blog.example)',
      replyTo: 'ann@example.com',
    })
    expect(mail?.text).toContain('> Nice *post*\n> line two')
    expect(mail?.text).toContain(`https://blog.example/post#causerie-comment-${id}`)
    expect(linkIn(mail?.text ?? '', 'https://comments.blog.example/moderate?token=')).toBeTruthy()
    expect(mail?.text).toMatch(/Approve: https:\/\/comments\.blog\.example\/moderate\?token=\S+/)
    expect(mail?.text).toMatch(/Delete: https:\/\/comments\.blog\.example\/moderate\?token=\S+/)
    expect(mail?.unsubscribeUrl).toBeUndefined()
  })

  it('has no Approve link for a published comment, and nothing is queued for spam', async () => {
    const t = setup()
    await post(t, { text: 'published' })
    await post(t, { text: 'bot', homepage: 'x' })
    const queued = await mails(t)
    expect(queued).toHaveLength(1)
    expect(queued[0]?.text).not.toContain('Approve:')
    expect(queued[0]?.text).toContain('Delete:')
  })

  it('keeps line breaks of names and titles out of the subject', async () => {
    const t = setup()
    // CR and LF are refused at the door; Unicode's own line separators pass validation.
    await post(t, { text: 'x', title: 'T\u2028Bcc: victim@example.com', name: 'Eve\u2029X: y' })
    const [mail] = await mails(t)
    expect(mail?.subject).toBe(
      'Eve X: y commented on “T Bcc: victim@example.com” (comments.blog.example)',
    )
  })

  it('is not queued without SMTP_URL, nor for the owner’s own replies', async () => {
    const bare = createTestApp({ env: ADMIN_ENV })
    await post(bare, { text: 'x' })
    expect(await bare.store.listOutbox()).toEqual([])
    const t = setup()
    const id = await post(t, { text: 'question' })
    const admin = await loginAdmin(t)
    await admin.json('POST', `/api/admin/comments/${id}/reply`, { text: 'answer' }, 201)
    expect(await mails(t)).toHaveLength(1)
  })
})

describe('the webhook', () => {
  it('queues a JSON call per new comment, without the reader’s email', async () => {
    const t = createTestApp({ env: { CAUSERIE_WEBHOOK_URL: 'https://hooks.example/x' } })
    const id = await post(t, {
      text: 'Hi <!channel> @everyone',
      name: 'Ann',
      email: 'ann@example.com',
    })
    await post(t, { text: 'bot', homepage: 'x' })
    const rows = await t.store.listOutbox()
    expect(rows.map((row) => row.kind)).toEqual(['webhook'])
    const body = JSON.parse(rows[0]?.payload ?? '{}')
    expect(body).toMatchObject({
      event: 'comment.created',
      allowed_mentions: { parse: [] },
      comment: { id, uri: '/post', author: { name: 'Ann', website: null }, status: 'published' },
    })
    expect(body.text).toContain('&lt;!channel&gt;')
    expect(rows[0]?.payload).not.toContain('ann@example.com')
  })
})

describe('reply notifications', () => {
  async function confirmedReader(t: TestApp): Promise<number> {
    const parent = await post(t, { text: 'tell me', email: 'Reader@Example.com', notify: true })
    const confirm = (await mails(t)).find((mail) => mail.to === 'Reader@Example.com')
    const url = linkIn(confirm?.text ?? '', 'https://comments.blog.example/subscriptions/confirm?')
    const response = await t.app.request(url.replace('https://comments.blog.example', ''), {
      method: 'POST',
    })
    expect(response.status).toBe(200)
    return parent
  }

  it('start with one confirmation mail, and nothing else until it is confirmed', async () => {
    const t = setup()
    const parent = await post(t, { text: 'tell me', email: 'reader@example.com', notify: true })
    await post(t, { text: 'and me again', email: 'READER@example.com', notify: true })
    await post(t, { text: 'a reply', parentId: parent, name: 'Bob' })
    const toReader = (await mails(t)).filter(
      (mail) => mail.to.toLowerCase() === 'reader@example.com',
    )
    expect(toReader).toHaveLength(1)
    expect(toReader[0]?.subject).toBe('Confirm reply notifications from comments.blog.example')
    expect(toReader[0]?.unsubscribeUrl).toMatch(
      /^https:\/\/comments\.blog\.example\/unsubscribe\?token=/,
    )
    t.tick(86_400_001)
    await post(t, { text: 'a day later', email: 'reader@example.com', notify: true })
    expect((await mails(t)).filter((mail) => mail.to === 'reader@example.com')).toHaveLength(2)
  })

  it('are queued for published replies once the address is confirmed, never to oneself', async () => {
    const t = setup()
    const parent = await confirmedReader(t)
    const reply = await post(t, { text: 'a reply', parentId: parent, name: 'Bob' })
    await post(t, { text: 'my own follow-up', parentId: parent, email: 'reader@EXAMPLE.com' })
    const notes = (await mails(t)).filter((mail) => mail.subscriber === 'reader@example.com')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({
      to: 'Reader@Example.com',
      subject: 'Bob replied to your comment on “A post”',
      unsubscribeUrl: expect.stringMatching(
        /^https:\/\/comments\.blog\.example\/unsubscribe\?token=/,
      ),
    })
    expect(notes[0]?.text).toContain('> a reply')
    expect(notes[0]?.text).toContain(`#causerie-comment-${reply}`)
    expect(notes[0]?.text).toContain(notes[0]?.unsubscribeUrl)
  })

  it('wait for a held reply to be approved, and are sent once', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const parent = await post(t, { text: 'tell me', email: 'reader@example.com', notify: true })
    await t.store.updateComment(parent, { status: 'published' })
    const confirm = (await mails(t)).find((mail) => mail.to === 'reader@example.com')
    const url = linkIn(confirm?.text ?? '', 'https://comments.blog.example/subscriptions/confirm?')
    await t.app.request(url.replace('https://comments.blog.example', ''), { method: 'POST' })
    const reply = await post(t, { text: 'held reply', parentId: parent })
    const count = async () =>
      (await mails(t)).filter((mail) => mail.subscriber === 'reader@example.com').length
    expect(await count()).toBe(0)
    const admin = await loginAdmin(t)
    await admin.json('PATCH', `/api/admin/comments/${reply}`, { status: 'published' })
    expect(await count()).toBe(1)
    await admin.json('PATCH', `/api/admin/comments/${reply}`, { status: 'spam' })
    await admin.json('PATCH', `/api/admin/comments/${reply}`, { status: 'published' })
    expect(await count()).toBe(1)
  })

  it('stop after unsubscribing, and no confirmation is asked again', async () => {
    const t = setup()
    const parent = await confirmedReader(t)
    const first = (await mails(t)).find((mail) => mail.to === 'Reader@Example.com')
    const unsubscribe = new URL(first?.unsubscribeUrl ?? '')
    // RFC 8058 one-click: a POST to the List-Unsubscribe URL with this exact body.
    const response = await t.app.request(`${unsubscribe.pathname}${unsubscribe.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(response.status).toBe(200)
    const toReader = async () =>
      (await mails(t)).filter((mail) => mail.to.toLowerCase() === 'reader@example.com').length
    const before = await toReader()
    await post(t, { text: 'a reply', parentId: parent })
    t.tick(2 * 86_400_000)
    await post(t, { text: 'notify me again', email: 'reader@example.com', notify: true })
    expect(await toReader()).toBe(before)
  })
})
