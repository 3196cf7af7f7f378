import { describe, expect, it } from 'vitest'
import { ADMIN_ENV, loginAdmin } from '../../../test/support/create-admin-client.ts'
import { bearer, createTestApp, type TestApp } from '../../../test/support/create-test-app.ts'
import type { CreatedResponse } from '../../contract.ts'
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

describe('the owner’s mail after an author’s edit', () => {
  const SUBJECT = 'To approve: Ann edited their comment on “A post” (comments.blog.example)'

  async function created(t: TestApp, text: string): Promise<CreatedResponse> {
    const body = { uri: '/post', title: 'A post', text, name: 'Ann' }
    return (await (await t.send('POST', '/api/comments', body)).json()) as CreatedResponse
  }

  async function edit(t: TestApp, { comment, token }: CreatedResponse, text: string) {
    const response = await t.send('PATCH', `/api/comments/${comment.id}`, { text }, bearer(token))
    expect(response.status, await response.clone().text()).toBe(200)
  }

  const approveIn = (mail: MailPayload | undefined) =>
    linkIn(mail?.text ?? '', 'https://comments.blog.example/moderate?token=').replace(
      'https://comments.blog.example',
      '',
    )

  it('is queued again when an approved comment goes back to the queue, bound to the new text', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const first = await created(t, 'A harmless remark')
    const admin = await loginAdmin(t)
    await admin.json('PATCH', `/api/admin/comments/${first.comment.id}`, { status: 'published' })
    await edit(t, first, 'The remark, edited')
    const [before, after, ...others] = await mails(t)
    expect(others).toEqual([])
    expect(after).toMatchObject({ to: 'owner@blog.example', subject: SUBJECT })
    expect(after?.text).toContain('Ann edited their comment on “A post”; it now reads:')
    expect(after?.text).toContain('> The remark, edited')
    expect(after?.text).toContain('Status: held for your approval')
    expect(after?.text).toMatch(/Delete: https:\/\/comments\.blog\.example\/moderate\?token=\S+/)

    const click = (mail: MailPayload | undefined) =>
      t.app.request(approveIn(mail), { method: 'POST' })
    expect((await click(before)).status).toBe(409)
    expect((await click(after)).status).toBe(200)
    expect((await t.thread('/post')).comments).toMatchObject([
      { html: '<p>The remark, edited</p>\n', status: 'published' },
    ])
  })

  it('is queued when a held comment’s text changes, at most once per 5 minutes', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const comment = await created(t, 'First draft')
    await edit(t, comment, 'First draft')
    expect(await mails(t)).toHaveLength(1)
    await edit(t, comment, 'Second draft')
    await edit(t, comment, 'Third draft')
    t.tick(5 * 60_000)
    await edit(t, comment, 'Fourth draft')
    const queued = await mails(t)
    expect(queued.map((mail) => mail.text.match(/^> .*$/m)?.[0])).toEqual([
      '> First draft',
      '> Second draft',
      '> Fourth draft',
    ])
    expect(queued.slice(1).map((mail) => mail.subject)).toEqual([SUBJECT, SUBJECT])
  })

  it('is not queued when nothing waits: open mode, spam, an owner’s edit in the panel', async () => {
    const open = setup()
    await edit(open, await created(open, 'published at once'), 'and still published')
    expect(await mails(open)).toHaveLength(1)

    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const spam = await t.send('POST', '/api/comments', { uri: '/p', text: 'x', homepage: 'bot' })
    await edit(t, (await spam.json()) as CreatedResponse, 'a bot’s edit')
    const held = await created(t, 'held')
    const admin = await loginAdmin(t)
    await admin.json('PATCH', `/api/admin/comments/${held.comment.id}`, { text: 'owner’s edit' })
    await admin.json('PATCH', `/api/admin/comments/${held.comment.id}`, { status: 'published' })
    await admin.json('PATCH', `/api/admin/comments/${held.comment.id}`, { text: 'owner again' })
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

  it('queues a comment.edited call when an author’s edit holds a comment again', async () => {
    const t = createTestApp({
      env: { ...ADMIN_ENV, CAUSERIE_WEBHOOK_URL: 'https://hooks.example/x' },
    })
    const created = await t.create({ uri: '/post', text: 'first', name: 'Ann' })
    const { comment, token } = created
    await t.send('PATCH', `/api/comments/${comment.id}`, { text: 'edited' }, bearer(token))
    expect(await t.store.listOutbox()).toHaveLength(1)

    const held = createTestApp({
      env: { CAUSERIE_MODERATION: 'all', CAUSERIE_WEBHOOK_URL: 'https://hooks.example/x' },
    })
    const response = await held.send('POST', '/api/comments', { uri: '/post', text: 'first' })
    const { comment: pending, token: heldToken } = (await response.json()) as CreatedResponse
    await held.send('PATCH', `/api/comments/${pending.id}`, { text: 'edited' }, bearer(heldToken))
    const bodies = (await held.store.listOutbox()).map((row) => JSON.parse(row.payload))
    expect(bodies.map((body) => [body.event, body.comment.text, body.comment.status])).toEqual([
      ['comment.created', 'first', 'pending'],
      ['comment.edited', 'edited', 'pending'],
    ])
    expect(bodies[1]?.text).toMatch(/^Edited comment by Anonymous on \/post \(held for approval\)/)
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
    await t.store.updateComment(parent, { status: 'published', visible: true })
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
