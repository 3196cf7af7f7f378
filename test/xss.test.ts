import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALLOWED_HTML } from '../widget/lib/allowed-html.ts'
import { apiClient, expectStatus } from './support/api.ts'
import { blogPage, openOnServer, useBrowser } from './support/browser.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { BODY, widget } from './support/widget.ts'
import { watchForXss } from './support/xss-sentinel.ts'
import { auditDom, auditServerHtml } from './xss/audit.ts'
import { PAYLOADS } from './xss/payloads.ts'

// Stored XSS: every payload of the corpus is posted as a comment's text, name and website into
// one thread of a real server, then rendered by the real widget in Chromium. Nothing may run.

const THREAD = '/xss'
let server: TestServer
const api = apiClient(() => server.url)
const harness = useBrowser()
/** What was accepted, by the field the payload went into. */
const accepted = { text: 0, name: 0, website: 0 }

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
  for (const [index, { value }] of PAYLOADS.entries()) {
    // A trailing paragraph with the index: the server refuses the same text twice in a thread,
    // and some payloads are the same once Unicode-normalised (＜script＞ is <script>).
    const text = `${value}\n\n(${index})`
    const asText = await api.post({ uri: THREAD, text, name: `texte ${index}` })
    expectStatus(asText, 201)
    accepted.text++
    const asName = await api.post({ uri: THREAD, text: `nom ${index}`, name: value })
    if (asName.status === 201) accepted.name++
    else expect(asName.status, asName.text).toBe(422)
    const asWebsite = await api.post({ uri: THREAD, text: `site ${index}`, website: value })
    if (asWebsite.status === 201) accepted.website++
    else expect(asWebsite.status, asWebsite.text).toBe(422)
  }
})
afterAll(async () => {
  await server?.dispose()
})

describe('the corpus', () => {
  it('has at least 150 distinct payloads, each calling the sentinel or alert', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(150)
    expect(new Set(PAYLOADS.map((p) => p.value)).size).toBe(PAYLOADS.length)
    for (const { name, value } of PAYLOADS) {
      const decoded = [...value.matchAll(/base64,([A-Za-z0-9+/=]+)/g)]
        .map((m) => Buffer.from(m[1] ?? '', 'base64').toString())
        .join(' ')
      const unescaped = value.replace(/&#(\d+);/g, (_, code: string) =>
        String.fromCodePoint(Number(code)),
      )
      expect(/__xss|alert\(/.test(`${unescaped} ${decoded}`), name).toBe(true)
    }
  })
})

describe('the server', () => {
  it('stored every payload as text, and renders only allowed tags, attributes and links', async () => {
    const thread = await api.thread(THREAD)
    expect(accepted.text).toBe(PAYLOADS.length)
    expect(thread.comments).toHaveLength(accepted.text + accepted.name + accepted.website)
    const problems = thread.comments.flatMap((comment) =>
      auditServerHtml(comment.html).map(
        (problem) => `comment ${comment.id}: ${problem} in ${comment.html}`,
      ),
    )
    expect(problems).toEqual([])
  })

  it('keeps names as plain text and websites as absolute http(s) URLs', async () => {
    const thread = await api.thread(THREAD)
    const names = new Set(PAYLOADS.map((p) => p.value))
    for (const { author } of thread.comments) {
      if (author.website !== null) expect(author.website).toMatch(/^https?:\/\/[^\s"<>]+$/)
      if (author.name.startsWith('texte ')) continue
      expect(names.has(author.name) || author.name === '', author.name).toBe(true)
    }
  })

  it('previews every payload with the same allow-list', async () => {
    const problems: string[] = []
    for (const { name, value } of PAYLOADS) {
      for (const problem of auditServerHtml(await api.preview(value)))
        problems.push(`${name}: ${problem}`)
    }
    expect(problems).toEqual([])
  })
})

describe('the widget in Chromium', () => {
  it('renders the whole hostile thread without running anything', async () => {
    const { page } = await harness.newPage()
    const hits = await watchForXss(page)
    await openOnServer(
      page,
      server.url,
      '/xss-page',
      blogPage(server.url, { attributes: { 'data-uri': THREAD } }),
    )
    const total = accepted.text + accepted.name + accepted.website
    await widget(page).showAll(total)
    // Images that fail, frames that load, animations that begin: let the network settle first.
    await page.waitForLoadState('networkidle')
    const problems = await page.evaluate(auditDom, { bodySelector: BODY, allowed: ALLOWED_HTML })
    expect({ ran: hits, problems }).toEqual({ ran: [], problems: [] })
  })

  it('previews hostile text without running anything', async () => {
    const { page } = await harness.newPage()
    const hits = await watchForXss(page)
    await openOnServer(
      page,
      server.url,
      '/xss-preview',
      blogPage(server.url, { attributes: { 'data-uri': '/xss-preview' } }),
    )
    const ui = widget(page)
    const sample = PAYLOADS.filter((_, i) => i % 9 === 0)
    const problems: string[] = []
    for (const { value } of sample) {
      await ui.preview(value)
      problems.push(
        ...(await page.evaluate(auditDom, { bodySelector: BODY, allowed: ALLOWED_HTML })),
      )
    }
    await page.waitForLoadState('networkidle')
    expect({ ran: hits, problems }).toEqual({ ran: [], problems: [] })
  })

  it('left the server running without a stack trace', () => {
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
