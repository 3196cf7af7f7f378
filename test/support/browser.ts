import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

// Debian's Chromium: browsers cannot be downloaded on CI.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export interface PageErrors {
  /** Uncaught exceptions and unhandled rejections in the page. */
  uncaught: string[]
  /** console.error messages, minus the browser's own "Failed to load resource" lines for 4xx. */
  console: string[]
}

export interface BrowserHarness {
  browser(): Browser
  /** A fresh context (cookies, storage) and page; closed after the test. */
  newPage(
    options?: Parameters<Browser['newContext']>[0],
    /** Console errors this test provokes on purpose, e.g. the browser's own CORS message. */
    expected?: { allowConsole?: RegExp[] },
  ): Promise<{ page: Page; errors: PageErrors }>
}

/**
 * Launches Chromium once for the test file and gives each test its own context.
 * After every test, asserts that the page threw nothing and logged no error.
 */
export function useBrowser(options: { args?: string[] } = {}): BrowserHarness {
  let browser: Browser | undefined
  const open: { context: BrowserContext; errors: PageErrors }[] = []

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...ARGS, ...(options.args ?? [])],
    })
  })
  afterEach(async () => {
    const contexts = open.splice(0)
    await Promise.all(contexts.map(({ context }) => context.close()))
    for (const { errors } of contexts) {
      expect(errors.uncaught, 'uncaught errors in the page').toEqual([])
      expect(errors.console, 'console errors in the page').toEqual([])
    }
  })
  afterAll(async () => {
    await browser?.close()
  })

  return {
    browser() {
      if (browser === undefined) throw new Error('useBrowser(): Chromium is not launched yet')
      return browser
    },
    async newPage(options, expected) {
      const allowed = expected?.allowConsole ?? []
      const context = await this.browser().newContext(options)
      const page = await context.newPage()
      const errors: PageErrors = { uncaught: [], console: [] }
      page.on('pageerror', (error) => errors.uncaught.push(error.stack ?? error.message))
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        // Chromium logs every 4xx answer; tests that provoke one assert the 4xx itself. A 5xx or
        // a network failure still counts as an error.
        if (
          /^Failed to load resource: the server responded with a status of 4\d\d/.test(
            message.text(),
          )
        ) {
          return
        }
        if (allowed.some((pattern) => pattern.test(message.text()))) return
        errors.console.push(message.text())
      })
      open.push({ context, errors })
      return { page, errors }
    },
  }
}

export interface EmbedOptions {
  /** Attributes of the script tag, e.g. { 'data-uri': '/post', 'data-lang': 'en' }. */
  attributes?: Record<string, string>
  /** Extra markup before the container, e.g. count elements or hostile CSS. */
  head?: string
  body?: string
  lang?: string
  title?: string
}

/** A blog page with exactly the README.md (Embedding) snippet, pointing at `origin`. */
export function blogPage(origin: string, options: EmbedOptions = {}): string {
  const attributes = Object.entries(options.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('')
  return `<!doctype html>
<html lang="${options.lang ?? 'fr'}">
<head><meta charset="utf-8"><title>${options.title ?? 'Un billet'}</title>${options.head ?? ''}</head>
<body>
<article><h1>Un billet</h1><p>Le texte du billet.</p></article>
${options.body ?? ''}
<div id="causerie"></div>
<script async src="${origin}/embed.js"${attributes}></script>
</body>
</html>`
}

/**
 * Opens `html` as if the Causerie server served it at `path` (same origin, so no CORS is needed):
 * the navigation is answered by the test, every other request goes to the real server.
 */
export async function openOnServer(page: Page, origin: string, path: string, html: string) {
  const pageUrl = `${origin}${path}`
  await page.route(pageUrl, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  )
  await page.goto(pageUrl)
  return pageUrl
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
