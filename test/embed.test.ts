import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from './support/api.ts'
import { type BlogServer, startBlog } from './support/blog-server.ts'
import { blogPage, useBrowser } from './support/browser.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { BODY, widget } from './support/widget.ts'

// A blog on another site embeds Causerie with exactly the snippet of README.md. Chromium maps
// the blog's host names to 127.0.0.1, so the blog is a different site, not just another port.

const BLOG_HOST = 'blog.test'
const OTHER_HOST = 'other-blog.test'
let server: TestServer
let blog: BlogServer
let blogOrigin: string
let otherOrigin: string
const api = apiClient(() => server.url)
const harness = useBrowser({
  args: [`--host-resolver-rules=MAP ${BLOG_HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`],
})

beforeAll(async () => {
  blog = await startBlog()
  const port = new URL(blog.origin).port
  blogOrigin = `http://${BLOG_HOST}:${port}`
  // Same little server, but a host name that is not in CAUSERIE_ORIGINS.
  otherOrigin = `http://${OTHER_HOST}:${port}`
  server = await startServer({ env: { CAUSERIE_ORIGINS: blogOrigin, CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
  await blog?.close()
})

/** Every request the page makes, by origin. */
function recordRequests(page: Page): URL[] {
  const seen: URL[] = []
  page.on('request', (req) => seen.push(new URL(req.url())))
  return seen
}

describe('embedding from another site', () => {
  it('loads the thread and posts from a listed origin, talking only to the blog and Causerie', async () => {
    await api.create({ uri: '/2012/medias-sociaux', text: 'Déjà là', name: 'Ana' })
    blog.page('/2012/medias-sociaux/', blogPage(server.url))
    const { page } = await harness.newPage()
    const requests = recordRequests(page)
    await page.goto(`${blogOrigin}/2012/medias-sociaux/`)
    const ui = widget(page, 'fr')
    // No data-uri: the thread key is the page's pathname, normalised by the server.
    await ui.waitForComments(1)
    expect(await ui.comment('Déjà là').count()).toBe(1)

    const posted = await ui.post({ text: 'Posté depuis le blog', name: 'Bea' })
    expect(await posted.locator(BODY).textContent()).toContain('Posté depuis le blog')
    const thread = await api.thread('/2012/medias-sociaux')
    expect(thread.comments.map((c) => c.author.name)).toEqual(['Ana', 'Bea'])

    await page.waitForLoadState('networkidle')
    const origins = new Set(requests.map((url) => url.origin))
    expect([...origins].sort()).toEqual([blogOrigin, server.url].sort())
  })

  it('shows the refusal when the blog is not in CAUSERIE_ORIGINS, and stores nothing', async () => {
    await api.create({ uri: '/unlisted', text: 'Lisible partout', name: 'Ana' })
    blog.page('/unlisted', blogPage(server.url))
    // The browser itself blocks the write after the preflight, and says so in the console.
    const { page } = await harness.newPage({}, { allowConsole: [/CORS policy/, /net::ERR_FAILED/] })
    await page.goto(`${otherOrigin}/unlisted`)
    const ui = widget(page, 'fr')
    // Reading is public...
    await ui.waitForComments(1)
    // ...writing is not.
    await ui.fill({ text: 'Tentative depuis un site non autorisé' })
    await ui.mainForm.getByRole('button', { name: 'Publier', exact: true }).click()
    const alert = ui.mainForm.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/site|serveur/i)
    expect(await ui.textarea().inputValue()).toBe('Tentative depuis un site non autorisé')
    expect((await api.thread('/unlisted')).comments.map((c) => c.author.name)).toEqual(['Ana'])
  })

  it('fills every comment count with one request', async () => {
    await api.create({ uri: '/a', text: 'a1' })
    await api.create({ uri: '/a', text: 'a2' })
    await api.create({ uri: '/b', text: 'b1' })
    blog.page(
      '/index.html',
      blogPage(server.url, {
        body: `
<ul>
  <li><a href="/a">A</a> <span id="a" data-causerie-count="/a">?</span></li>
  <li><a href="/b/">B</a> <span id="b" data-causerie-count="/b/">?</span></li>
  <li><a href="/c">C</a> <span id="c" data-causerie-count="/c">?</span></li>
  <li><a href="/a">A again</a> <em id="a2" data-causerie-count="/a">?</em></li>
</ul>`,
      }).replace('<div id="causerie"></div>', ''),
    )
    const { page } = await harness.newPage()
    const requests = recordRequests(page)
    await page.goto(`${blogOrigin}/index.html`)
    await page.waitForFunction(() =>
      ['a', 'b', 'c', 'a2'].every((id) => document.getElementById(id)?.textContent !== '?'),
    )
    const counts = await page.evaluate(() =>
      ['a', 'b', 'c', 'a2'].map((id) => document.getElementById(id)?.textContent),
    )
    expect(counts).toEqual(['2', '1', '0', '2'])
    await page.waitForLoadState('networkidle')
    const countCalls = requests.filter((url) => url.pathname === '/api/counts')
    expect(countCalls).toHaveLength(1)
    // No thread was asked for: this page has no #causerie.
    expect(requests.filter((url) => url.pathname === '/api/comments')).toHaveLength(0)
  })

  it('never loads code from an origin named by a clobbered document.currentScript', async () => {
    // HTML injected into the blog (no script needed) shadows document.currentScript with an img
    // whose src would otherwise become "the server's origin" (webpack's CVE-2024-43788).
    blog.page(
      '/clobbered',
      blogPage(server.url, {
        body: `<img name="currentScript" src="${otherOrigin}/evil.png" alt="">`,
      }),
    )
    const { page } = await harness.newPage({}, { allowConsole: [/404/] })
    const requests = recordRequests(page)
    await page.goto(`${blogOrigin}/clobbered`)
    await page.waitForLoadState('networkidle')
    const toAttacker = requests.filter((url) => url.origin === otherOrigin)
    expect(toAttacker.map((url) => url.pathname)).toEqual(['/evil.png'])
  })

  it('is not broken by hostile CSS on the blog', async () => {
    await api.create({ uri: '/hostile', text: 'Toujours visible', name: 'Ana' })
    const hostile = `<style>
      * { display: inline !important; visibility: hidden; }
      html, body { visibility: visible; }
      #causerie { visibility: visible !important; }
      #causerie *, #causerie div, div div, article, form, textarea, button, input, li, ol, p, a,
      section, h2, label, .causerie, .causerie-comment, .causerie-body, .causerie-form {
        display: none !important; visibility: hidden !important; opacity: 0 !important;
      }
      textarea { pointer-events: none !important; }
    </style>`
    blog.page('/hostile', blogPage(server.url, { head: hostile }))
    const { page } = await harness.newPage()
    await page.goto(`${blogOrigin}/hostile`)
    const ui = widget(page, 'fr')
    await ui.waitForComments(1)
    const body = ui.comment('Toujours visible').locator(BODY)
    expect(await body.isVisible()).toBe(true)
    await ui.textarea().waitFor({ state: 'visible' })
    // Laid out as a text field, not collapsed by the blog's rules.
    expect((await ui.textarea().boundingBox())?.height).toBeGreaterThan(20)
    await ui.post({ text: 'Posté malgré le CSS', name: 'Bea' })
    expect(await ui.comment('Posté malgré le CSS').isVisible()).toBe(true)
  })
})

describe('the server after the embedding tests', () => {
  it('is still running and logged no stack trace', () => {
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
