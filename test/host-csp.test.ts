import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from './support/api.ts'
import { type BlogServer, startBlog } from './support/blog-server.ts'
import { blogPage, useBrowser } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'
import { BODY, widget } from './support/widget.ts'

// A blog on another site with a strict CSP that enforces Trusted Types embeds Causerie with the
// README.md snippet. Its policy is exactly what README.md (Embedding) tells bloggers the widget
// needs, on top of `default-src 'none'`: the widget must work with nothing more, and the browser
// must report no violation at all.

const BLOG_HOST = 'blog.test'
let server: TestServer
let blog: BlogServer
let blogOrigin: string
const api = apiClient(() => server.url)
const harness = useBrowser({ args: [`--host-resolver-rules=MAP ${BLOG_HOST} 127.0.0.1`] })

/** README.md's directives for a page that sends a CSP, with nothing else allowed. */
function hostCsp(causerie: string): string {
  return [
    "default-src 'none'",
    `script-src ${causerie}`,
    `connect-src ${causerie}`,
    "require-trusted-types-for 'script'",
    'trusted-types causerie',
  ].join('; ')
}

beforeAll(async () => {
  blog = await startBlog()
  blogOrigin = `http://${BLOG_HOST}:${new URL(blog.origin).port}`
  server = await startServer({ env: { CAUSERIE_ORIGINS: blogOrigin, CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
  await blog?.close()
})

/** Records every CSP violation the page reports, from its very first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __violations: string[] }).__violations = seen
    window.addEventListener(
      'securitypolicyviolation',
      (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
      true,
    )
  })
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
}

describe('a host page with a strict CSP and Trusted Types enforced', () => {
  it('loads the thread, renders links, posts, and violates nothing', async () => {
    await api.create({
      uri: '/csp',
      text: 'Voir [la source](https://example.com/source) et <https://example.org/>',
      name: 'Ana',
    })
    blog.page('/csp', blogPage(server.url), {
      'Content-Security-Policy': hostCsp(server.url),
    })
    const { page } = await harness.newPage()
    const violations = await recordViolations(page)
    await page.goto(`${blogOrigin}/csp`)
    const ui = widget(page, 'fr')
    await ui.waitForComments(1)

    // The sanitised HTML went in: links included, rel set by the sanitiser.
    const links = ui.comment('Voir').locator(`${BODY} a`)
    expect(await links.count()).toBe(2)
    expect(await links.first().getAttribute('href')).toBe('https://example.com/source')
    expect(await links.first().getAttribute('rel')).toBe('nofollow ugc noopener')

    // Styled by a constructed stylesheet, no <style> element in the shadow root.
    const styling = await page.evaluate(() => {
      const root = document.querySelector('#causerie')?.shadowRoot
      const section = root?.querySelector('section.causerie')
      return {
        sheets: root?.adoptedStyleSheets.length,
        styleElements: root?.querySelectorAll('style').length,
        hostDisplay: getComputedStyle(document.querySelector('#causerie') as Element).display,
        lineHeight: section ? getComputedStyle(section).lineHeight : '',
      }
    })
    expect(styling.sheets).toBe(1)
    expect(styling.styleElements).toBe(0)
    expect(styling.hostDisplay).toBe('block')
    expect(styling.lineHeight).not.toBe('normal')

    // The preview goes through the same sanitiser and sink. (Not ui.preview(): Playwright does
    // not show the body of a cross-origin POST, by which it recognises the answer.)
    await ui.mainForm.getByRole('button', { name: ui.labels.preview, exact: true }).click()
    await ui.textarea().fill('Aperçu *en italique*')
    const preview = ui.mainForm.locator('.causerie-preview em')
    await preview.waitFor()
    expect(await preview.textContent()).toBe('en italique')
    await ui.textarea().fill('')

    const posted = await ui.post(
      { text: 'Réponse avec [un lien](https://example.net/)', name: 'Bea' },
      'Réponse avec un lien',
    )
    expect(await posted.locator(`${BODY} a`).getAttribute('href')).toBe('https://example.net/')
    expect((await api.thread('/csp')).comments.map((c) => c.author.name)).toEqual(['Ana', 'Bea'])

    await page.waitForLoadState('networkidle')
    expect(await violations()).toEqual([])
  })

  it('is a real enforcement: a string assigned to innerHTML is refused and reported', async () => {
    blog.page('/csp-probe', blogPage(server.url), {
      'Content-Security-Policy': hostCsp(server.url),
    })
    const { page } = await harness.newPage(
      {},
      { allowConsole: [/requires 'TrustedHTML' assignment/] },
    )
    const violations = await recordViolations(page)
    await page.goto(`${blogOrigin}/csp-probe`)
    const refused = await page.evaluate(() => {
      try {
        document.body.innerHTML = '<b>x</b>'
        return false
      } catch (error) {
        return error instanceof TypeError
      }
    })
    expect(refused).toBe(true)
    await expect.poll(violations).toEqual([expect.stringMatching(/^require-trusted-types-for /)])
  })
})
