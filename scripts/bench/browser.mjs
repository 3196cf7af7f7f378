// Chromium figures: how soon a reader sees the first comment of a big thread, and at what cost.
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// The flags of test/support/browser.ts: Debian's Chromium, nothing running besides the page.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

// Runs in the page before its scripts: on every frame, looks for the first comment in the
// widget's shadow root; once it is there, the next task after that frame runs after its paint.
const WATCH_FIRST_COMMENT = `(() => {
  const found = () =>
    document.querySelector('#causerie')?.shadowRoot?.querySelector('[id^="causerie-comment-"]')
  const frame = () => {
    if (!found()) return requestAnimationFrame(frame)
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      window.__firstCommentMs = performance.now()
    }
    requestAnimationFrame(() => channel.port2.postMessage(null))
  }
  requestAnimationFrame(frame)
})()`

/**
 * For `runs` fresh browser contexts: load a blog page (another origin, as on a real blog) that
 * embeds the widget for `uri`, then load it again in the same context. Each load answers the
 * time from navigation to the first comment painted and the CDP ScriptDuration up to then.
 */
export async function browserFigures(causerieOrigin, uri, runs) {
  let chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    return { note: 'playwright-core is not installed' }
  }
  if (!existsSync(CHROMIUM)) return { note: `no Chromium at ${CHROMIUM}` }
  const blog = await startBlog(causerieOrigin, uri)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const cold = []
  const warm = []
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext()
      await context.addInitScript(WATCH_FIRST_COMMENT)
      cold.push(await measureLoad(context, blog.url))
      warm.push(await measureLoad(context, blog.url))
      await context.close()
    }
  } finally {
    await browser.close()
    blog.server.close()
  }
  return { cold, warm }
}

/** One load in a new page of `context`. */
async function measureLoad(context, url) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(url)
  await page.waitForFunction(() => window.__firstCommentMs !== undefined, null, { timeout: 30_000 })
  const { metrics } = await cdp.send('Performance.getMetrics')
  const figures = await page.evaluate(() => {
    const thread = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('/api/comments?'))
    const shadow = document.querySelector('#causerie').shadowRoot
    return {
      firstCommentMs: window.__firstCommentMs,
      // When the thread's answer had arrived: what the widget waited for, apart from its code.
      threadMs: thread?.responseEnd ?? Number.NaN,
      comments: shadow.querySelectorAll('[id^="causerie-comment-"]').length,
    }
  })
  await page.close()
  const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000
  return { ...figures, scriptMs }
}

/** The page a blog serves: test/support/browser.ts's blogPage(), on an origin of its own. */
function startBlog(causerieOrigin, uri) {
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Un billet</title></head>
<body>
<article><h1>Un billet</h1><p>Le texte du billet.</p></article>
<div id="causerie"></div>
<script async src="${causerieOrigin}/embed.js" data-uri="${uri}"></script>
</body>
</html>`
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/billet` })
    })
  })
}
