import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from './support/api.ts'
import { blogPage, openOnServer, useBrowser } from './support/browser.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { BODY, widget } from './support/widget.ts'

// The widget as a reader uses it, in Chromium, against the built server: the demo page first,
// then pages that embed it with other options.

let server: TestServer
const api = apiClient(() => server.url)
const harness = useBrowser()

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.dispose()
})

/** A page at the server's origin embedding the thread `uri` with these script attributes. */
async function openThread(uri: string, attributes: Record<string, string> = {}, lang = 'fr') {
  const { page } = await harness.newPage()
  await openOnServer(
    page,
    server.url,
    `/page${uri}`,
    blogPage(server.url, { lang, attributes: { 'data-uri': uri, ...attributes } }),
  )
  return page
}

describe('the demo page', () => {
  it('shows the three seeded comments in a French interface', async () => {
    const { page } = await harness.newPage()
    await page.goto(`${server.url}/`)
    const ui = widget(page, 'fr')
    await ui.waitForComments(3)
    await expect.poll(() => ui.heading().textContent()).toBe('3 commentaires')
    const names = await ui.host.locator('.causerie-author').allTextContents()
    expect(names).toEqual(['Vincent Abry', 'Steph', 'Christian'])
    await expect
      .poll(() => ui.comments.nth(1).locator(BODY).textContent())
      .toContain('Le buzz diminue')

    const vincent = ui.host.getByRole('link', { name: 'Vincent Abry', exact: true })
    expect(await vincent.getAttribute('href')).toMatch(/^http:\/\/www\.vincentabry\.com\/?$/)
    const rel = (await vincent.getAttribute('rel'))?.split(/\s+/) ?? []
    expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc', 'noopener']))

    // French everywhere a reader looks.
    await ui.textarea().waitFor()
    expect(await ui.host.getByRole('button', { name: 'Répondre', exact: true }).count()).toBe(3)
    await ui.mainForm.getByRole('button', { name: 'Publier', exact: true }).waitFor()
    await ui.mainForm.getByLabel('Nom', { exact: true }).waitFor()
    expect(await ui.host.locator('section').getAttribute('lang')).toBe('fr')
  })

  it('posts, replies, edits and deletes, and all of it survives a reload', async () => {
    const { page } = await harness.newPage()
    const origins = new Set<string>()
    page.on('request', (req) => origins.add(new URL(req.url()).origin))
    await page.goto(`${server.url}/`)
    const ui = widget(page, 'fr')
    await ui.waitForComments(3)

    const mine = await ui.post(
      {
        text: 'Mon *premier* commentaire',
        name: 'Zoé',
        website: 'https://zoe.example',
      },
      'Mon premier commentaire',
    )
    expect(await mine.locator(`${BODY} em`).textContent()).toBe('premier')
    expect(await mine.getByRole('link', { name: 'Zoé' }).getAttribute('href')).toMatch(
      /^https:\/\/zoe\.example\/?$/,
    )

    await ui.reply('Mon premier commentaire', 'Zoé', 'Une réponse à moi-même')
    const replies = ui.repliesOf('Mon premier commentaire')
    expect((await replies.locator(BODY).allTextContents()).map((t) => t.trim())).toEqual([
      'Une réponse à moi-même',
    ])

    await ui.edit('Une réponse à moi-même', 'Une réponse **modifiée**', 'Une réponse modifiée')
    expect(await replies.locator(`${BODY} strong`).textContent()).toBe('modifiée')

    const gone = await ui.post({ text: 'À supprimer bientôt' })
    expect(await gone.count()).toBe(1)
    await ui.remove('À supprimer bientôt')
    await ui.waitForComments(5)

    // What the server has is what the reader saw.
    const thread = await api.thread('/')
    expect(thread.comments.map((c) => [c.author.name, c.html.replace(/\n$/, '')])).toEqual([
      ['Vincent Abry', expect.any(String)],
      ['Steph', expect.any(String)],
      ['Christian', expect.any(String)],
      ['Zoé', '<p>Mon <em>premier</em> commentaire</p>'],
      [expect.any(String), '<p>Une réponse <strong>modifiée</strong></p>'],
    ])
    expect(thread.comments[4]?.parentId).toBe(thread.comments[3]?.id)

    await page.reload()
    await ui.waitForComments(5)
    await expect.poll(() => ui.heading().textContent()).toBe('5 commentaires')
    expect(
      await ui.repliesOf('Mon premier commentaire').locator(`${BODY} strong`).textContent(),
    ).toBe('modifiée')
    expect(await ui.comment('À supprimer bientôt').count()).toBe(0)
    // The author may still edit their own comments after a reload (the token is kept).
    await ui
      .comment('Mon premier commentaire')
      .getByRole('button', { name: 'Modifier', exact: true })
      .waitFor()
    // Nothing but the page's own origin, which is Causerie's: no CDN, no avatar service.
    expect([...origins]).toEqual([server.url])
  })

  it('keeps a deleted comment with replies as a placeholder', async () => {
    const page = await openThread('/placeholder')
    const ui = widget(page, 'fr')
    await ui.post({ text: 'Parent qui va partir', name: 'Ana' })
    await ui.reply('Parent qui va partir', 'Ana', 'Réponse qui reste')
    await ui.remove('Parent qui va partir')
    await ui.waitForComments(2)
    await ui.host.getByText('Ce commentaire a été supprimé.').waitFor()
    expect((await ui.host.locator(BODY).allTextContents()).map((t) => t.trim())).toEqual([
      'Réponse qui reste',
    ])
    await page.reload()
    await ui.waitForComments(2)
    await ui.host.getByText('Ce commentaire a été supprimé.').waitFor()
  })
})

describe('writing', () => {
  it('previews Markdown before posting', async () => {
    const page = await openThread('/preview')
    const ui = widget(page, 'fr')
    await ui.textarea().waitFor()
    const preview = await ui.preview(
      'Du **gras**, de l’*italique* et [un lien](https://example.com/x)',
    )
    expect(await preview.locator('strong').textContent()).toBe('gras')
    expect(await preview.locator('em').textContent()).toBe('italique')
    const link = preview.getByRole('link', { name: 'un lien' })
    expect(await link.getAttribute('href')).toBe('https://example.com/x')
    expect((await api.thread('/preview')).total).toBe(0)
  })

  it('shows a refusal from the server next to the form and keeps the text', async () => {
    const page = await openThread('/refused')
    const ui = widget(page, 'fr')
    await ui.textarea().waitFor()
    // The widget only checks for an @; the server wants a domain with a dot, and answers 422.
    const refused = page.waitForResponse(
      (res) => res.url().endsWith('/api/comments') && res.request().method() === 'POST',
    )
    await ui.fill({ text: 'Texte précieux à ne pas perdre', email: 'ana@localhost' })
    await ui.mainForm.getByRole('button', { name: 'Publier', exact: true }).click()
    expect((await refused).status()).toBe(422)
    const alert = ui.mainForm.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('Courriel')
    expect(await ui.textarea().inputValue()).toBe('Texte précieux à ne pas perdre')
    expect(await ui.mainForm.getByLabel('Courriel').getAttribute('aria-invalid')).toBe('true')
    expect((await api.thread('/refused')).total).toBe(0)
  })

  it('says so when the comment answered no longer exists, keeping the reply', async () => {
    const uri = '/parent-gone'
    const { comment, token } = await api.create({ uri, text: 'Bientôt supprimé', name: 'Léa' })
    const page = await openThread(uri)
    const ui = widget(page, 'fr')
    await ui.waitForComments(1)
    await ui
      .comment('Bientôt supprimé')
      .getByRole('button', { name: 'Répondre', exact: true })
      .click()
    const form = ui.host.locator('.causerie-reply form')
    await form.getByLabel('Répondre à Léa').fill('Ma réponse orpheline')
    // Meanwhile, its author deletes it.
    expect((await api.remove(comment.id, token)).status).toBe(204)
    await form.getByRole('button', { name: 'Publier', exact: true }).click()
    await form.getByRole('alert').waitFor()
    expect(await form.getByRole('alert').textContent()).toContain('n’existe plus')
    expect(await form.getByLabel('Répondre à Léa').inputValue()).toBe('Ma réponse orpheline')
  })

  it('refuses a text over the limit before sending it', async () => {
    const page = await openThread('/too-long')
    const ui = widget(page, 'fr')
    await ui.textarea().waitFor()
    let posted = 0
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/comments')) posted++
    })
    await ui.textarea().fill('x'.repeat(10_001))
    await ui.mainForm.getByRole('button', { name: 'Publier', exact: true }).click()
    await ui.mainForm.getByRole('alert').waitFor()
    expect(await ui.mainForm.getByRole('alert').textContent()).toMatch(/10\s001/)
    expect(await ui.textarea().inputValue()).toHaveLength(10_001)
    expect(posted).toBe(0)
    expect((await api.thread('/too-long')).total).toBe(0)
  })
})

describe('options', () => {
  it('speaks English with data-lang="en"', async () => {
    await api.create({ uri: '/english', text: 'Hello there', name: 'Ann' })
    const page = await openThread('/english', { 'data-lang': 'en' })
    const ui = widget(page, 'en')
    await ui.waitForComments(1)
    await expect.poll(() => ui.heading().textContent()).toBe('1 comment')
    await ui.textarea().waitFor()
    await ui.mainForm.getByRole('button', { name: 'Post comment', exact: true }).waitFor()
    await ui.host.getByRole('button', { name: 'Reply', exact: true }).waitFor()
    expect(await ui.host.locator('section').getAttribute('lang')).toBe('en')
    await ui.post({ text: 'Posted in English', name: 'Bob' })
    await expect.poll(() => ui.heading().textContent()).toBe('2 comments')
  })

  it('follows <html lang> when there is no data-lang', async () => {
    const page = await openThread('/html-lang', {}, 'en-GB')
    const ui = widget(page, 'en')
    await ui.textarea().waitFor()
    expect(await ui.host.locator('section').getAttribute('lang')).toBe('en')
  })

  /**
   * The background of the submit button, which follows the theme's accent colour, under a light
   * then a dark colour scheme: one page for both, since the scheme applies without a reload.
   */
  async function accentColours(attributes: Record<string, string>) {
    const page = await openThread('/theme', attributes)
    const submit = widget(page, 'fr').mainForm.getByRole('button', { name: 'Publier', exact: true })
    const colours = { light: '', dark: '' }
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      colours[colorScheme] = await submit.evaluate((el) => getComputedStyle(el).backgroundColor)
    }
    return colours
  }

  it('changes its colours with data-theme="dark" and with a dark colour scheme', async () => {
    await api.create({
      uri: '/theme',
      text: 'Couleurs',
      name: 'Iris',
      website: 'https://iris.example',
    })
    const light = await accentColours({ 'data-theme': 'light' })
    const dark = await accentColours({ 'data-theme': 'dark' })
    const auto = await accentColours({})
    expect(dark.light).not.toBe(light.light)
    // data-theme wins over the colour scheme; without it, the scheme decides.
    expect(light.dark).toBe(light.light)
    expect(dark.dark).toBe(dark.light)
    expect(auto).toEqual({ light: light.light, dark: dark.light })
  })
})

describe('the server after the browser tests', () => {
  it('is still running and logged no stack trace', () => {
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
