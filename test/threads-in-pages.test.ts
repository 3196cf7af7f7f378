import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS, type ThreadResponse } from '../server/contract.ts'
import { apiClient } from './support/api.ts'
import { blogPage, useBrowser } from './support/browser.ts'
import { type SeedComment, seedThread } from './support/seed-thread.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { widget } from './support/widget.ts'

// A 5,000-comment thread as a reader meets it in Chromium: the first page at once, more pages,
// more replies, links into later pages, votes and the sort order, each surviving a reload.

const URI = '/big'
const TOTAL = 5_000
/** Top-level comments; the rest are replies. */
const ROOTS = 4_000
/** Replies of the first top-level comment: far more than a page shows. */
const HUB_REPLIES = 200
/** The top-level comment (by position, oldest first) whose replies a link points into. */
const DEEP_ROOT = 150
const DEEP_REPLIES = 30
let server: TestServer
const api = apiClient(() => server.url)
const harness = useBrowser()
/** Top-level comment ids, oldest first, as the server pages them. */
let roots: number[] = []
let deepReplyId = 0
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causerie-big-'))
  const dbPath = join(dir, 'causerie.db')
  // Written straight into the file (test/support/seed-thread.ts): posting 5,000 comments costs
  // one COMMIT each, about 40 s; the widget reads the same rows either way.
  const plan: SeedComment[] = [{ text: 'Top-level comment 0' }]
  for (let i = 1; i < ROOTS; i++) plan.push({ text: `Top-level comment ${i}` })
  for (let i = 0; i < HUB_REPLIES; i++) plan.push({ text: `Hub reply ${i}`, parent: 0 })
  const deepStart = plan.length
  for (let i = 0; i < DEEP_REPLIES; i++) plan.push({ text: `Deep reply ${i}`, parent: DEEP_ROOT })
  const spread = TOTAL - ROOTS - HUB_REPLIES - DEEP_REPLIES
  for (let i = 0; i < spread; i++) plan.push({ text: `Side reply ${i}`, parent: 1 + (i % 300) })
  const ids = await seedThread(dbPath, URI, plan)
  server = await startServer({ dbPath })
  roots = await allRoots()
  expect(roots).toEqual(ids.slice(0, ROOTS))
  deepReplyId = ids[deepStart + 24] ?? 0
}, 120_000)

afterAll(async () => {
  await server?.dispose()
  await rm(dir, { recursive: true, force: true })
})

/** Every top-level comment id in the server's oldest-first order, page after page. */
async function allRoots(): Promise<number[]> {
  const ids: number[] = []
  let after: string | null = ''
  while (after !== null) {
    const query = `uri=${encodeURIComponent(URI)}&limit=${LIMITS.pageMax}${after ? `&after=${after}` : ''}`
    const res = await api.get(`/api/comments?${query}`)
    const page = res.json as ThreadResponse
    ids.push(...page.comments.filter((c) => c.parentId === null).map((c) => c.id))
    after = page.next
  }
  return ids
}

/** Opens the blog page embedding the big thread in English, at `hash` if given. */
async function openBig(hash = '', page?: Page): Promise<Page> {
  const opened = page ?? (await harness.newPage()).page
  const url = `${server.url}/post`
  await opened.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: blogPage(server.url, { lang: 'en', attributes: { 'data-uri': URI } }),
    }),
  )
  await opened.goto(`${url}${hash}`)
  await widget(opened, 'en').comments.first().waitFor()
  return opened
}

/** Ids of the top-level comments shown, in order. */
function shownRoots(page: Page): Promise<number[]> {
  return page
    .locator('#causerie ol.causerie-list > li > article')
    .evaluateAll((articles) => articles.map((a) => Number(a.id.replace('causerie-comment-', ''))))
}

/** Ids of every comment shown. */
function shownIds(page: Page): Promise<number[]> {
  return page
    .locator('#causerie article.causerie-comment')
    .evaluateAll((articles) => articles.map((a) => Number(a.id.replace('causerie-comment-', ''))))
}

/** The id of the element focused inside the widget's shadow root. */
function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.querySelector('#causerie')?.shadowRoot?.activeElement?.id)
}

describe('a 5,000-comment thread', () => {
  it('shows its first page at once, with the whole thread’s count in the heading', async () => {
    const page = await openBig()
    const ui = widget(page, 'en')
    await expect.poll(() => ui.heading().textContent()).toBe('5,000 comments')
    expect(await shownRoots(page)).toEqual(roots.slice(0, LIMITS.pageDefault))
  })

  it('appends pages with Show more comments, nothing twice', async () => {
    const page = await openBig()
    const more = widget(page, 'en').host.getByRole('button', { name: 'Show more comments' })
    await more.click()
    await expect.poll(() => shownRoots(page)).toHaveLength(2 * LIMITS.pageDefault)
    // A comment posted meanwhile does not make the next page repeat one.
    await api.create({ uri: URI, text: 'Posted between two pages' })
    await more.click()
    await expect.poll(() => shownRoots(page)).toHaveLength(3 * LIMITS.pageDefault)
    expect(await shownRoots(page)).toEqual(roots.slice(0, 3 * LIMITS.pageDefault))
    expect(await focusedId(page)).toBe(`causerie-comment-${roots[2 * LIMITS.pageDefault]}`)
    const ids = await shownIds(page)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('shows the rest of a comment’s replies with Show N more replies', async () => {
    const page = await openBig()
    const ui = widget(page, 'en')
    const hidden = HUB_REPLIES - LIMITS.repliesPreview
    const button = ui.host.getByRole('button', { name: `Show ${hidden} more replies` })
    await button.click()
    const left = ui.host.getByRole('button', { name: /^Show \d+ more replies$/ }).first()
    await expect.poll(() => left.textContent()).not.toBe(`Show ${hidden} more replies`)
    const shown = HUB_REPLIES - Number((await left.textContent())?.match(/\d+/)?.[0])
    expect(await ui.repliesOf('Top-level comment 0').locator('article').count()).toBe(shown)
    const ids = await shownIds(page)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('follows a link into the third page: scrolls to it, highlights and focuses it', async () => {
    const target = roots[2 * LIMITS.pageDefault + 5] ?? 0
    const page = await openBig(`#causerie-comment-${target}`)
    const article = page.locator(`#causerie [id="causerie-comment-${target}"]`)
    await expect.poll(() => focusedId(page)).toBe(`causerie-comment-${target}`)
    expect(await article.getAttribute('class')).toContain('causerie-target')
    expect(await article.evaluate(isInViewport)).toBe(true)
    const background = await article.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(background).not.toBe('rgba(0, 0, 0, 0)')
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await article.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(dark).not.toBe(background)

    // The gap between the first page and the linked one fills until it meets it.
    const gap = widget(page, 'en').host.getByRole('button', { name: 'Show more comments' })
    await gap.first().click()
    await expect.poll(() => shownRoots(page)).toContain(roots[2 * LIMITS.pageDefault - 1])
    await gap.first().click()
    // Everything up to the end of the linked comment's page, in order, and the gap closed.
    const end = 2 * LIMITS.pageDefault + 5 + LIMITS.pageDefault
    await expect.poll(() => shownRoots(page)).toEqual(roots.slice(0, end))
    expect(await gap.count()).toBe(1)
    const ids = await shownIds(page)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('follows a link into a reply beyond the first replies of a later comment', async () => {
    const page = await openBig(`#causerie-comment-${deepReplyId}`)
    await expect.poll(() => focusedId(page)).toBe(`causerie-comment-${deepReplyId}`)
    const article = page.locator(`#causerie [id="causerie-comment-${deepReplyId}"]`)
    expect(await article.getAttribute('class')).toContain('causerie-target')
    expect(await article.evaluate(isInViewport)).toBe(true)
    expect(await article.textContent()).toContain('Deep reply 24')
  })

  it('keeps a vote and its score across a reload', async () => {
    const page = await openBig()
    const article = page.locator(`#causerie [id="causerie-comment-${roots[1]}"]`)
    const up = article.getByRole('button', { name: 'Vote up' })
    const score = article.locator('.causerie-votes > span')
    expect(await score.textContent()).toBe('0')
    const answered = page.waitForResponse((res) => res.url().endsWith('/vote'))
    await up.click()
    expect((await answered).status()).toBe(200)
    expect(await up.getAttribute('aria-pressed')).toBe('true')
    expect(await score.textContent()).toBe('1')
    await page.reload()
    await article.waitFor()
    expect(await up.getAttribute('aria-pressed')).toBe('true')
    expect(await score.textContent()).toBe('1')
  })

  it('remembers the order the reader chose', async () => {
    const page = await openBig()
    const sort = widget(page, 'en').host.getByRole('combobox', { name: 'Sort by' })
    await sort.selectOption('newest')
    // The newest comment first: the last of the seeded ones, or one a test above posted since.
    await expect
      .poll(async () => (await shownRoots(page))[0])
      .toBeGreaterThanOrEqual(roots.at(-1) ?? 0)
    const first = (await shownRoots(page))[0]
    await page.reload()
    await widget(page, 'en').comments.first().waitFor()
    expect(await widget(page, 'en').host.getByRole('combobox').inputValue()).toBe('newest')
    expect((await shownRoots(page))[0]).toBe(first)
  })
})

describe('the server after the browser tests', () => {
  it('is still running and logged no stack trace', () => {
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})

function isInViewport(element: Element): boolean {
  const { top, bottom } = element.getBoundingClientRect()
  return top >= 0 && top < window.innerHeight && bottom > 0
}
