import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminCommentsResponse } from '../server/contract.ts'
import { ALLOWED_HTML } from '../widget/lib/allowed-html.ts'
import { adminApi } from './support/admin.ts'
import { apiClient, type RawResponse } from './support/api.ts'
import { useBrowser } from './support/browser.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { type ReceivedMail, startSmtp, type TestSmtp } from './support/smtp.ts'
import { watchForXss } from './support/xss-sentinel.ts'
import { auditDom } from './xss/audit.ts'

/** One-click pages loaded at once in the link test. */
const PAGES_AT_ONCE = 3

import { PAYLOADS } from './xss/payloads.ts'

// Stored XSS in mails: a sample of the corpus goes in as text, name and website of comments held
// for moderation, so that each one mails the owner. The mails must be plain text with no header a
// payload wrote, and the one-click pages their links open must run nothing in Chromium.

const PUBLIC_URL = 'http://causerie.test'
const OWNER = 'owner@blog.example'
const THREAD = '/xss-mail'
/** Every fifth payload: 45 of them, across every class of the corpus. */
const SAMPLE = PAYLOADS.filter((_, index) => index % 5 === 0)

let smtp: TestSmtp
let server: TestServer
const answers: RawResponse[] = []
const api = apiClient(
  () => server.url,
  (res) => answers.push(res),
)
const harness = useBrowser()
/** The mails of the comments actually held (not the ones stored as spam), by marker text. */
const mails: ReceivedMail[] = []

beforeAll(async () => {
  smtp = await startSmtp()
  server = await startServer({
    env: {
      CAUSERIE_DEMO: 'off',
      CAUSERIE_MODERATION: 'all',
      SMTP_URL: smtp.url,
      CAUSERIE_PUBLIC_URL: PUBLIC_URL,
      CAUSERIE_NOTIFY_EMAIL: OWNER,
    },
  })
  const markers: string[] = []
  for (const [index, { value }] of SAMPLE.entries()) {
    // Each text ends with its own marker: the mail that quotes it is found by it.
    const asText = await api.post({ uri: THREAD, text: `${value}\n\nmarker-text-${index}` })
    expect(asText.status, asText.text).toBe(202)
    markers.push(`marker-text-${index}`)
    const asName = await api.post({ uri: THREAD, text: `marker-name-${index}`, name: value })
    if (asName.status === 202) markers.push(`marker-name-${index}`)
    else expect(asName.status, asName.text).toBe(422)
    const asWebsite = await api.post({ uri: THREAD, text: `marker-site-${index}`, website: value })
    if (asWebsite.status === 202) markers.push(`marker-site-${index}`)
    else expect(asWebsite.status, asWebsite.text).toBe(422)
  }
  // A 202 is also the answer for spam, which mails nobody: wait only for what is truly held.
  const admin = adminApi(() => server.url)
  expect((await admin.login()).status).toBe(204)
  const held = await admin.json<AdminCommentsResponse>(
    'GET',
    `/api/admin/comments?status=pending&uri=${encodeURIComponent(THREAD)}&limit=200`,
  )
  const heldMarkers = markers.filter((marker) =>
    held.comments.some((comment) => comment.text.endsWith(marker)),
  )
  expect(heldMarkers.length).toBeGreaterThanOrEqual(SAMPLE.length)
  for (const marker of heldMarkers) {
    mails.push(await smtp.waitFor((mail) => mail.to.includes(OWNER) && endsWith(mail, marker)))
  }
}, 120_000)
afterAll(async () => {
  await server?.dispose()
  await smtp?.close()
})

/** The quoted text ends with the marker, so marker-text-1 does not match marker-text-10. */
function endsWith(mail: ReceivedMail, marker: string): boolean {
  return new RegExp(`${marker}$`, 'm').test(mail.text)
}

/** The raw header lines of a mail, unfolded (RFC 5322 §2.2.3). */
function headerLines(raw: string): string[] {
  const end = raw.search(/\r?\n\r?\n/)
  return raw
    .slice(0, end)
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
}

describe('notification mails about hostile comments', () => {
  it(`covers a sample of at least 40 payloads`, () => {
    expect(SAMPLE.length).toBeGreaterThanOrEqual(40)
    expect(mails.length).toBeGreaterThanOrEqual(SAMPLE.length)
  })

  it('are text/plain only, without any HTML part', () => {
    for (const mail of mails) {
      expect(mail.headers.get('content-type'), mail.subject).toMatch(/^text\/plain\b/i)
      expect(mail.raw, mail.subject).not.toMatch(/^content-type:\s*(?:text\/html|multipart\/)/im)
      expect(mail.raw, mail.subject).not.toMatch(/^content-type:[^\n]*text\/html/im)
    }
  })

  it('have exactly one From, To and Subject, no Cc or Bcc, and only well-formed header lines', () => {
    for (const mail of mails) {
      const lines = headerLines(mail.raw)
      const names = lines.map((line) => /^([!-9;-~]+):/.exec(line)?.[1]?.toLowerCase())
      expect(
        lines.filter((_, index) => names[index] === undefined),
        mail.raw.slice(0, 2_000),
      ).toEqual([])
      const count = (name: string) => names.filter((seen) => seen === name).length
      expect(
        { from: count('from'), to: count('to'), subject: count('subject') },
        mail.raw.slice(0, 2_000),
      ).toEqual({ from: 1, to: 1, subject: 1 })
      expect(count('bcc') + count('cc') + count('reply-to'), mail.raw.slice(0, 2_000)).toBe(0)
      expect(mail.to).toEqual([OWNER])
      expect(mail.headers.get('to')).toBe(OWNER)
    }
  })

  it('link to one-click pages that run nothing and hold no handler or script URL', async () => {
    const links = mails.flatMap((mail) => {
      const found = mail.text.match(/http:\/\/causerie\.test\/moderate\?token=\S+/g) ?? []
      expect(found.length, mail.text).toBe(2)
      return found.map((link) => ({ subject: mail.subject, link }))
    })
    // A few pages at once, each watched: the pages are independent, and loading them one after
    // the other left the cores waiting on the browser.
    const readers = await Promise.all(
      Array.from({ length: PAGES_AT_ONCE }, async () => {
        const { page } = await harness.newPage()
        return { page, hits: await watchForXss(page) }
      }),
    )
    const problems: string[] = []
    let next = 0
    let pages = 0
    await Promise.all(
      readers.map(async ({ page }) => {
        for (let index = next++; index < links.length; index = next++) {
          const { subject, link } = links[index] ?? { subject: '', link: '' }
          const response = await page.goto(`${server.url}${link.slice(PUBLIC_URL.length)}`)
          expect(response?.status(), link).toBe(200)
          pages++
          const found = await page.evaluate(auditDom, {
            bodySelector: '.causerie-body',
            allowed: ALLOWED_HTML,
          })
          problems.push(...found.map((problem) => `${subject}: ${problem}`))
        }
      }),
    )
    expect(pages).toBe(mails.length * 2)
    const hits = readers.flatMap((reader) => reader.hits)
    expect({ ran: hits, problems }).toEqual({ ran: [], problems: [] })
  })

  it('left the server running without a 5xx or a stack trace', () => {
    expect(answers.filter((res) => res.status >= 500)).toEqual([])
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
