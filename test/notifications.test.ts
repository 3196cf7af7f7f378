import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommentResponse, CreatedResponse } from '../server/contract.ts'
import { keyedHash } from '../server/lib/keyed-hash.ts'
import { commentVersion, signLink } from '../server/services/notifications/mail-links.ts'
import { adminApi } from './support/admin.ts'
import { apiClient, expectStatus, http } from './support/api.ts'
import { startServer, type TestServer } from './support/server.ts'
import {
  deadPort,
  linkIn,
  type ReceivedMail,
  startSilentServer,
  startSmtp,
  type TestSmtp,
} from './support/smtp.ts'

// Mails and webhook calls over real processes: the built server, a real SMTP server from
// `smtp-server` on an ephemeral port, and a webhook receiver on loopback.

/** Links in mails start with CAUSERIE_PUBLIC_URL; tests send them to the running server. */
const PUBLIC_URL = 'http://causerie.test'
const OWNER = 'owner@blog.example'
const READER = 'reader@example.com'
const WEBHOOK_SECRET = 'webhook-secret-for-tests'

function mailEnv(smtpUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CAUSERIE_DEMO: 'off',
    SMTP_URL: smtpUrl,
    CAUSERIE_PUBLIC_URL: PUBLIC_URL,
    CAUSERIE_NOTIFY_EMAIL: OWNER,
    ...extra,
  }
}

/** A link from a mail, pointed at the running server. */
function onServer(server: TestServer, link: string): string {
  expect(link.startsWith(PUBLIC_URL)).toBe(true)
  return `${server.url}${link.slice(PUBLIC_URL.length)}`
}

const postForm = (url: string, body = '') =>
  http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  })

const toOwner = (text: string) => (mail: ReceivedMail) =>
  mail.to.includes(OWNER) && mail.text.includes(text)

describe('the owner’s mail and its one-click links', () => {
  let smtp: TestSmtp
  let server: TestServer
  const api = apiClient(() => server.url)

  beforeAll(async () => {
    smtp = await startSmtp()
    server = await startServer({ env: mailEnv(smtp.url, { CAUSERIE_MODERATION: 'all' }) })
  })
  afterAll(async () => {
    await server?.dispose()
    await smtp?.close()
  })

  it('arrives with the comment, a link to it, and Approve and Delete links', async () => {
    const res = await api.post({
      uri: '/post',
      text: 'Held *for* you',
      name: 'Ann',
      email: 'ann@example.com',
    })
    expectStatus(res, 202)
    const id = (res.json as CreatedResponse).comment.id
    const mail = await smtp.waitFor(toOwner('Held *for* you'))
    expect(mail.to).toEqual([OWNER])
    expect(mail.subject).toBe(`To approve: Ann commented on /post (causerie.test)`)
    expect(mail.headers.get('reply-to')).toBe('ann@example.com')
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(mail.raw).not.toMatch(/text\/html/)
    expect(mail.text).toContain('> Held *for* you')
    expect(mail.text).toContain(`${PUBLIC_URL}/post#causerie-comment-${id}`)
    expect(mail.text).toMatch(/Approve: http:\/\/causerie\.test\/moderate\?token=/)
    expect(mail.text).toMatch(/Delete: http:\/\/causerie\.test\/moderate\?token=/)
  })

  it('approves with the page’s POST once; the second time and forged links fail', async () => {
    const res = await api.post({ uri: '/approve', text: 'Approve me by mail' })
    const id = (res.json as CreatedResponse).comment.id
    const mail = await smtp.waitFor(toOwner('Approve me by mail'))
    const approve = onServer(server, linkIn(mail, `${PUBLIC_URL}/moderate?token=`))

    // What a mail scanner does: it follows the link. Nothing may change.
    const page = await http(approve)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(page.text).toContain('<form method="post">')
    expect(page.text).not.toContain('<script')
    expect((await api.thread('/approve')).total).toBe(0)

    const done = await postForm(approve)
    expect(done.status).toBe(200)
    expect(done.text).toContain('Comment approved')
    const thread = await api.thread('/approve')
    expect(thread.comments.map((comment) => [comment.id, comment.status])).toEqual([
      [id, 'published'],
    ])

    expect((await postForm(approve)).status).toBe(409)
    const remove = onServer(server, mail.text.match(/Delete: (\S+)/)?.[1] ?? '')
    expect((await postForm(remove)).status).toBe(409)
    const forged = approve.replace(/.{4}$/, 'AAAA')
    expect((await postForm(forged)).status).toBe(400)
    expect((await api.thread('/approve')).total).toBe(1)
  })

  it('refuses an Approve link once the author edited the comment (409 link_stale)', async () => {
    const res = await api.post({ uri: '/edited', text: 'A harmless first version' })
    const { comment, token } = res.json as CreatedResponse
    const mail = await smtp.waitFor(toOwner('A harmless first version'))
    const approve = onServer(server, linkIn(mail, `${PUBLIC_URL}/moderate?token=`))
    expectStatus(await api.patch(comment.id, 'Now it sells something', token), 200)

    for (const answer of [await http(approve), await postForm(approve)]) {
      expect(answer.status).toBe(409)
      expect(answer.text).toContain('This comment has changed')
      expect(answer.text).toContain('Review it in the admin panel')
    }
    expect((await api.thread('/edited')).total).toBe(0)
  })

  it('mails the owner again when an edit sends an approved comment back to the queue', async () => {
    const res = await api.post({ uri: '/re-edited', text: 'Approved once', name: 'Ann' })
    const { comment, token } = res.json as CreatedResponse
    const first = await smtp.waitFor(toOwner('Approved once'))
    const admin = adminApi(() => server.url)
    expectStatus(await admin.login(), 204)
    await admin.json('PATCH', `/api/admin/comments/${comment.id}`, { status: 'published' })
    expect((await api.thread('/re-edited')).total).toBe(1)

    const edited = await api.patch(comment.id, 'Approved once, then edited', token)
    expectStatus(edited, 200)
    expect((edited.json as CommentResponse).comment.status).toBe('pending')
    expect((await api.thread('/re-edited')).total).toBe(0)
    const second = await smtp.waitFor(toOwner('Approved once, then edited'))
    expect(second.to).toEqual([OWNER])
    expect(second.subject).toBe(
      'To approve: Ann edited their comment on /re-edited (causerie.test)',
    )

    const stale = await postForm(onServer(server, linkIn(first, `${PUBLIC_URL}/moderate?token=`)))
    expect(stale.status).toBe(409)
    expect(stale.text).toContain('This comment has changed')
    const approve = onServer(server, linkIn(second, `${PUBLIC_URL}/moderate?token=`))
    expect((await postForm(approve)).status).toBe(200)
    const thread = await api.thread('/re-edited')
    expect(thread.comments.map((shown) => [shown.id, shown.status, shown.html])).toEqual([
      [comment.id, 'published', '<p>Approved once, then edited</p>\n'],
    ])
    expect(smtp.mails.filter(toOwner('Approved once'))).toHaveLength(2)
  })

  it('refuses a correctly signed link whose week is over', async () => {
    const res = await api.post({ uri: '/expired', text: 'Too late to approve' })
    const id = (res.json as CreatedResponse).comment.id
    // The server's own key, read from its database: a genuine link, only expired.
    const db = new Database(server.dbPath, { readonly: true })
    const secret = db
      .prepare("SELECT value FROM meta WHERE key = 'hash_secret'")
      .pluck()
      .get() as string
    db.close()
    const key = Buffer.from(keyedHash(Buffer.from(secret, 'hex'), 'mail-links'), 'hex')
    const version = commentVersion('Too late to approve')
    const token = signLink(key, {
      kind: 'approve',
      commentId: id,
      nonce: 'old',
      version,
      expiresAt: Date.now() - 1,
    })
    const expired = await postForm(`${server.url}/moderate?token=${token}`)
    expect(expired.status).toBe(410)
    const fresh = signLink(key, {
      kind: 'approve',
      commentId: id,
      nonce: 'new',
      version,
      expiresAt: Date.now() + 60_000,
    })
    expect((await postForm(`${server.url}/moderate?token=${fresh}`)).status).toBe(200)
  })

  it('keeps names out of the headers', async () => {
    await api.post({
      uri: '/inject',
      text: 'header injection',
      name: 'Eve\u2028Bcc: victim@example.com',
    })
    const mail = await smtp.waitFor(toOwner('header injection'))
    expect(mail.to).toEqual([OWNER])
    expect(mail.raw).not.toMatch(/^Bcc:/im)
    expect(mail.subject).toContain('Eve Bcc: victim@example.com commented')
  })
})

describe('reply notifications and the webhook', () => {
  let smtp: TestSmtp
  let server: TestServer
  let hooks: { server: Server; received: { headers: IncomingHttpHeaders; body: string }[] }
  const api = apiClient(() => server.url)
  let markers = 0

  /** Posts a comment and waits for its owner mail: everything queued before it was sent too. */
  async function drain(): Promise<void> {
    const text = `marker ${++markers}`
    await api.post({ uri: '/markers', text })
    await smtp.waitFor(toOwner(text))
  }
  const toReader = () => smtp.mails.filter((mail) => mail.to.includes(READER))

  beforeAll(async () => {
    smtp = await startSmtp()
    hooks = await startReceiver()
    const { port } = hooks.server.address() as AddressInfo
    server = await startServer({
      env: mailEnv(smtp.url, {
        CAUSERIE_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
        CAUSERIE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      }),
    })
  })
  afterAll(async () => {
    await server?.dispose()
    await smtp?.close()
    hooks?.server.close()
  })

  it('ask for confirmation first, then mail replies, with one-click unsubscribe', async () => {
    const parent = await api.create({
      uri: '/talk',
      text: 'Tell me about replies',
      email: READER,
      notify: true,
    })
    const confirmation = await smtp.waitFor((mail) => mail.to.includes(READER))
    expect(confirmation.subject).toBe('Confirm reply notifications from causerie.test')
    expect(confirmation.headers.get('list-unsubscribe')).toMatch(
      /^<http:\/\/causerie\.test\/unsubscribe\?token=\S+>/,
    )
    expect(confirmation.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')

    // Not confirmed yet: a reply sends the reader nothing.
    await api.create({
      uri: '/talk',
      text: 'An early reply',
      parentId: parent.comment.id,
      name: 'Bob',
    })
    await drain()
    expect(toReader()).toHaveLength(1)

    const confirm = onServer(
      server,
      linkIn(confirmation, `${PUBLIC_URL}/subscriptions/confirm?token=`),
    )
    expect((await http(confirm)).status).toBe(200)
    expect((await postForm(confirm)).status).toBe(200)

    await api.create({
      uri: '/talk',
      text: 'A reply after confirming',
      parentId: parent.comment.id,
      name: 'Bob',
    })
    const notification = await smtp.waitFor(
      (mail) => mail.to.includes(READER) && mail.text.includes('A reply after confirming'),
    )
    expect(notification.subject).toBe('Bob replied to your comment on /talk')
    expect(notification.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const listUnsubscribe =
      /^<(\S+)>/.exec(notification.headers.get('list-unsubscribe') ?? '')?.[1] ?? ''
    expect(notification.text).toContain(listUnsubscribe)

    // RFC 8058: the mail client POSTs this body to the List-Unsubscribe URL.
    const unsubscribed = await postForm(
      onServer(server, listUnsubscribe),
      'List-Unsubscribe=One-Click',
    )
    expect(unsubscribed.status).toBe(200)
    await api.create({
      uri: '/talk',
      text: 'A reply nobody is told of',
      parentId: parent.comment.id,
    })
    await drain()
    expect(toReader().map((mail) => mail.subject)).toEqual([
      'Confirm reply notifications from causerie.test',
      'Bob replied to your comment on /talk',
    ])
  })

  it('POSTs signed JSON to the webhook for every new comment', async () => {
    const created = await api.create({
      uri: '/hooked',
      text: 'Hello @everyone',
      name: 'Ann',
      email: 'ann@example.com',
    })
    await expect
      .poll(() => hooks.received.some((call) => call.body.includes('Hello @everyone')), {
        timeout: 30_000,
      })
      .toBe(true)
    const call = hooks.received.find((received) => received.body.includes('Hello @everyone'))
    const expected = createHmac('sha256', WEBHOOK_SECRET)
      .update(call?.body ?? '')
      .digest('hex')
    expect(call?.headers['x-causerie-signature']).toBe(`sha256=${expected}`)
    expect(call?.headers['content-type']).toBe('application/json')
    const body = JSON.parse(call?.body ?? '{}')
    expect(body).toMatchObject({
      event: 'comment.created',
      comment: {
        id: created.comment.id,
        uri: '/hooked',
        author: { name: 'Ann' },
        text: 'Hello @everyone',
      },
    })
    expect(call?.body).not.toContain('ann@example.com')
  })
})

describe('a dead or hung mail server', () => {
  it('never fails a reader’s POST, and the mail arrives once the server is up', async () => {
    const silent = await startSilentServer()
    const server = await startServer({ env: mailEnv(`smtp://127.0.0.1:${silent.port}`) })
    try {
      const api = apiClient(() => server.url)
      expectStatus(await api.post({ uri: '/hung', text: 'Sent before SMTP hangs' }), 201)
      // The worker is now stuck waiting for a greeting that never comes…
      await expect.poll(() => silent.connections(), { timeout: 10_000 }).toBeGreaterThan(0)
      // …and a reader's POST is answered all the same.
      expectStatus(await api.post({ uri: '/hung', text: 'Sent while SMTP hangs' }), 201)
      await silent.close()
      const smtp = await startSmtp(silent.port)
      try {
        await smtp.waitFor(toOwner('Sent before SMTP hangs'), 50_000)
        await smtp.waitFor(toOwner('Sent while SMTP hangs'), 50_000)
      } finally {
        await smtp.close()
      }
    } finally {
      await server.dispose()
    }
  })

  it('keeps pending notifications across a restart', async () => {
    const port = await deadPort()
    const server = await startServer({ env: mailEnv(`smtp://127.0.0.1:${port}`) })
    try {
      const api = apiClient(() => server.url)
      expectStatus(await api.post({ uri: '/durable', text: 'Queued before the restart' }), 201)
      await expect.poll(() => server.stderr(), { timeout: 20_000 }).toMatch(/could not send mail/)
      await server.stop()
      const smtp = await startSmtp(port)
      try {
        await server.restart()
        const mail = await smtp.waitFor(toOwner('Queued before the restart'))
        expect(mail.to).toEqual([OWNER])
        // Delivered once, not once per attempt.
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        expect(smtp.mails.filter(toOwner('Queued before the restart'))).toHaveLength(1)
      } finally {
        await smtp.close()
      }
    } finally {
      await server.dispose()
    }
  })
})

async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
    })
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, received }
}
