import type { Page } from 'playwright-core'
import type { ALLOWED_HTML } from '../../widget/lib/allowed-html.ts'

/**
 * Records any sign of script execution in `page`: the corpus's sentinel `__xss` called, assigned
 * or read, or a dialog (alert, confirm, prompt). Call before the page loads.
 */
export async function watchForXss(page: Page): Promise<string[]> {
  const hits: string[] = []
  await page.context().exposeBinding('__xssReport', ({ frame }, what: string) => {
    hits.push(`${what} in ${frame.url()}`)
  })
  await page.context().addInitScript(() => {
    const report = (what: string) =>
      (window as unknown as { __xssReport(w: string): void }).__xssReport(what)
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => () => report('__xss() called'),
      set: () => report('__xss assigned'),
    })
  })
  page.on('dialog', (dialog) => {
    hits.push(`${dialog.type()} dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  return hits
}

/**
 * Runs IN THE PAGE (pass to page.evaluate): lists what in the admin panel's comment bodies is
 * outside `allowed` (pass ALLOWED_HTML; SECURITY.md): tags, attributes, and links that are
 * not absolute http(s) or mailto. Self-contained, like test/xss/audit.ts's auditDom.
 */
export function auditBodies({
  bodySelector,
  allowed,
}: {
  bodySelector: string
  allowed: typeof ALLOWED_HTML
}): string[] {
  const attributes = [...allowed.attributes, ...allowed.addedAttributes]
  const safeLink = new RegExp(allowed.href, 'i')
  const problems: string[] = []
  for (const body of Array.from(document.querySelectorAll(bodySelector))) {
    for (const element of Array.from(body.querySelectorAll('*'))) {
      const tag = element.tagName.toLowerCase()
      const shown = element.outerHTML.slice(0, 160)
      if (!allowed.tags.includes(tag)) problems.push(`<${tag}> in a comment body: ${shown}`)
      for (const { name } of Array.from(element.attributes)) {
        if (!attributes.includes(name)) problems.push(`${name} attribute: ${shown}`)
      }
      if (tag === 'a' && !safeLink.test(element.getAttribute('href') ?? '')) {
        problems.push(`link that is not http(s) or mailto: ${shown}`)
      }
    }
  }
  return problems
}
