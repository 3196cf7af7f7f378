import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from './support/api.ts'
import { blogPage, openOnServer, useBrowser } from './support/browser.ts'
import { startServer, type TestServer } from './support/server.ts'
import { widget } from './support/widget.ts'

// A reader without a mouse: only Tab, typing, Enter and Space.

let server: TestServer
const api = apiClient(() => server.url)
const harness = useBrowser()

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
})

/** What has the keyboard focus, looking through the widget's shadow root. */
function focused(page: Page) {
  return page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    return {
      tag: active?.tagName.toLowerCase() ?? '',
      name: active?.getAttribute('name') ?? '',
      type: active?.getAttribute('type') ?? '',
      text: active?.textContent?.trim() ?? '',
    }
  })
}

/** Presses Tab until `matches` holds for the focused element, at most `limit` times. */
async function tabUntil(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  what: string,
  limit = 40,
) {
  const path: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    path.push(`${f.tag}${f.name ? `[${f.name}]` : ''}${f.text ? ` "${f.text.slice(0, 20)}"` : ''}`)
    if (matches(f)) return
  }
  throw new Error(`Tab never reached ${what}; focus went: ${path.join(' → ')}`)
}

async function openPage(uri: string) {
  const { page } = await harness.newPage()
  await openOnServer(
    page,
    server.url,
    `/page${uri}`,
    blogPage(server.url, { attributes: { 'data-uri': uri } }),
  )
  const ui = widget(page, 'fr')
  // The form arrives after the thread; a keyboard reader starts once it is there.
  await ui.textarea().waitFor()
  return { page, ui }
}

describe('keyboard only', () => {
  for (const key of ['Enter', 'Space'] as const) {
    it(`posts a comment with Tab, typing and ${key} on the submit button`, async () => {
      const uri = `/keyboard-${key.toLowerCase()}`
      const { page, ui } = await openPage(uri)
      await tabUntil(page, (f) => f.tag === 'textarea', 'the comment field')
      await page.keyboard.type(`Écrit au clavier (${key})`)
      await tabUntil(page, (f) => f.tag === 'input' && f.name === 'name', 'the name field', 5)
      await page.keyboard.type('Clavier')
      await tabUntil(page, (f) => f.tag === 'input' && f.name === 'email', 'the email field', 5)
      await page.keyboard.type('clavier@example.com')
      await tabUntil(page, (f) => f.tag === 'input' && f.name === 'website', 'the website field', 5)
      await page.keyboard.type('https://clavier.example')
      await tabUntil(page, (f) => f.tag === 'button' && f.type === 'submit', 'the submit button', 5)
      await page.keyboard.press(key)
      await ui.comment(`Écrit au clavier (${key})`).waitFor()
      const thread = await api.thread(uri)
      expect(thread.comments.map((c) => [c.author.name, c.author.website])).toEqual([
        ['Clavier', expect.stringMatching(/^https:\/\/clavier\.example\/?$/)],
      ])
      expect(thread.comments[0]?.html).toContain(`Écrit au clavier (${key})`)
    })
  }

  it('replies with the keyboard: Tab to Reply, Enter, type, Tab to the submit button, Enter', async () => {
    const uri = '/keyboard-reply'
    await api.create({ uri, text: 'Une question ?', name: 'Ana' })
    const { page, ui } = await openPage(uri)
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Répondre', 'the Reply button')
    await page.keyboard.press('Enter')
    // The reply field takes the focus by itself.
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea')
    await page.keyboard.type('Une réponse au clavier')
    await tabUntil(
      page,
      (f) => f.tag === 'button' && f.type === 'submit',
      'the reply submit button',
      8,
    )
    await page.keyboard.press('Enter')
    await ui.comment('Une réponse au clavier').waitFor()
    const thread = await api.thread(uri)
    expect(thread.comments[1]?.parentId).toBe(thread.comments[0]?.id)
  })
})
