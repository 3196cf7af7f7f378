import { type Browser, chromium, type Page } from 'playwright-core'
import { build, type Rolldown } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// DOMPurify is only as good as the DOM under it, so these tests run it in Chromium. happy-dom will
// not do: its elements fail DOMPurify's clobbering checks (they are not instances of the window's
// own NamedNodeMap) and its NodeIterator loses its place when a node is removed, so under it
// DOMPurify drops safe markup and leaves the rest of the tree unvisited.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let browser: Browser
let page: Page

beforeAll(async () => {
  const [bundle] = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: new URL('./sanitize.ts', import.meta.url).pathname,
        formats: ['iife'],
        name: 'causerie',
      },
    },
  })) as Rolldown.RolldownOutput[]
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox'],
  })
  page = await browser.newPage()
  await page.addScriptTag({ content: bundle?.output[0].code })
}, 30_000)

afterAll(async () => {
  await browser?.close()
})

/** sanitize(), as it runs in the browser, as text (it returns a TrustedHTML in Chromium). */
function sanitize(html: string): Promise<string> {
  return page.evaluate(
    (dirty) =>
      String(
        (window as unknown as { causerie: typeof import('./sanitize.ts') }).causerie.sanitize(
          dirty,
        ),
      ),
    html,
  )
}

describe('sanitize', () => {
  it('returns TrustedHTML from its own policy, so that a page enforcing Trusted Types takes it', async () => {
    const result = await page.evaluate(() => {
      const { causerie } = window as unknown as { causerie: typeof import('./sanitize.ts') }
      const html = causerie.sanitize('<p>ok</p>') as unknown
      const { trustedTypes } = window as unknown as {
        trustedTypes: { isHTML(v: unknown): boolean }
      }
      return { trusted: trustedTypes.isHTML(html), text: String(html) }
    })
    expect(result).toEqual({ trusted: true, text: '<p>ok</p>' })
  })

  it('keeps the markup Markdown produces', async () => {
    const html =
      '<p>Hi <em>there</em> <strong>you</strong> <del>not</del> <code>x</code></p>' +
      '<blockquote><p>quoted</p></blockquote><pre><code>block</code></pre>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol><p>line<br>break</p>'
    expect(await sanitize(html)).toBe(html)
  })

  it('keeps http(s) and mailto links, with rel set', async () => {
    expect(await sanitize('<a href="https://example.com/a?b=1" title="t">x</a>')).toBe(
      '<a href="https://example.com/a?b=1" title="t" rel="nofollow ugc noopener">x</a>',
    )
    expect(await sanitize('<a href="mailto:a@example.com">m</a>')).toContain(
      'href="mailto:a@example.com"',
    )
  })

  it('replaces whatever rel the link had', async () => {
    expect(await sanitize('<a href="https://e.com" rel="opener">x</a>')).toBe(
      '<a href="https://e.com" rel="nofollow ugc noopener">x</a>',
    )
  })

  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="alert(1)" onmouseover="x()">ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<svg><script>alert(1)</script><circle r="1"/></svg>', ''],
    ['<math><mi>x</mi></math>', ''],
    ['<style>p{color:red}</style><p style="color:red">ok</p>', '<p>ok</p>'],
    ['<form action="https://evil.test"><input name="x"><button>go</button></form>', 'go'],
    ['<iframe src="https://evil.test"></iframe>', ''],
    ['<p data-x="1" aria-label="y" class="c" id="i">ok</p>', '<p>ok</p>'],
  ])('strips %s', async (dirty, clean) => {
    expect(await sanitize(dirty)).toBe(clean)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative/path',
    '//evil.test/x',
    '#fragment',
  ])('drops the href %s', async (href) => {
    expect(await sanitize(`<a href="${href}">x</a>`)).toBe('<a rel="nofollow ugc noopener">x</a>')
  })
})
