import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AdminComment,
  AdminCommentResponse,
  AdminCommentsResponse,
  Blocklist,
  CreatedResponse,
} from '../server/contract.ts'
import { ALLOWED_HTML } from '../widget/lib/allowed-html.ts'
import { ADMIN_PASSWORD, adminApi } from './support/admin.ts'
import { ADMIN_BODY, adminPanel } from './support/admin-panel.ts'
import { apiClient, expectError, expectStatus, http } from './support/api.ts'
import { startBlog } from './support/blog-server.ts'
import { blogPage, openOnServer, useBrowser } from './support/browser.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'
import { linkIn, type ReceivedMail, startSmtp, type TestSmtp } from './support/smtp.ts'
import { widget } from './support/widget.ts'
import { auditBodies, watchForXss } from './support/xss-sentinel.ts'
import { auditDom } from './xss/audit.ts'
import { PAYLOADS } from './xss/payloads.ts'

// The admin panel at /admin as the site owner uses it, in Chromium, against the built server with
// every comment held for moderation; and what readers see of its actions, in the widget.

const harness = useBrowser()

/** Starts the server of a describe block; its admin API is also driven directly, to check. */
function useServer(env: Record<string, string>) {
  let server: TestServer | undefined
  const origin = () => {
    if (!server) throw new Error('the server is not started yet')
    return server.url
  }
  const admin = adminApi(origin)
  beforeAll(async () => {
    server = await startServer({ env: { CAUSERIE_MODERATION: 'all', ...env } })
    expectStatus(await admin.login(), 204)
  })
  afterAll(async () => {
    if (server) {
      expect(server.stderr()).not.toMatch(STACK_TRACE)
      await server.dispose()
    }
  })
  return { origin, admin, api: apiClient(origin) }
}

describe('moderating with the panel', () => {
  const { origin, admin, api } = useServer({})

  /** Posts a comment that the `all` moderation mode holds; answers its id. */
  async function held(uri: string, text: string, extra: Record<string, unknown> = {}) {
    const res = await api.post({ uri, text, ...extra })
    expectStatus(res, 202)
    return (res.json as CreatedResponse).comment.id
  }
  const adminComment = async (id: number) =>
    (await admin.json<AdminCommentResponse>('GET', `/api/admin/comments/${id}`)).comment
  const blocklist = () => admin.json<Blocklist>('GET', '/api/admin/blocklist')

  async function loggedIn(
    fragment = '',
  ): Promise<{ page: Page; panel: ReturnType<typeof adminPanel> }> {
    const { page } = await harness.newPage()
    const panel = adminPanel(page, origin())
    await panel.resume(admin.cookie)
    await panel.open(fragment)
    return { page, panel }
  }

  it('answers /admin with a strict CSP, and cannot be framed', async () => {
    const res = await http(`${origin()}/admin`)
    expect(res.status).toBe(200)
    const csp = res.headers['content-security-policy'] ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("style-src 'self';")
    expect(csp).not.toContain('unsafe')
    expect(res.headers['x-frame-options']).toBe('DENY')
    // Nothing inline for the CSP to refuse: one script and one stylesheet, both files.
    expect(res.text).toMatch(/<script type="module" crossorigin src="\/admin\/assets\/[\w-]+\.js">/)
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/i)

    const blog = await startBlog()
    try {
      blog.page('/framed', `<!doctype html><iframe src="${origin()}/admin"></iframe>`)
      const { page } = await harness.newPage(undefined, {
        allowConsole: [/frame-ancestors|Refused to (frame|display)/],
      })
      await page.goto(`${blog.origin}/framed`)
      await page.waitForLoadState('load')
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame())
      const framed = await frame
        ?.locator('#app')
        .count()
        .catch(() => 0)
      expect(framed ?? 0).toBe(0)
    } finally {
      await blog.close()
    }
  })

  it('holds a reader’s comment for its author only; the owner approves it and replies', async () => {
    // The reader posts on the demo page: every comment waits for approval.
    const { page: reader } = await harness.newPage()
    await reader.goto(`${origin()}/`)
    const mine = widget(reader, 'fr')
    await mine.waitForComments(3)
    const posted = await mine.post({
      text: 'Un avis à modérer',
      name: 'Zoé',
      email: 'zoe@example.com',
    })
    await posted.getByText('En attente de modération', { exact: true }).waitFor()
    // Still there, and still marked, after a reload: the widget kept it with its token.
    await reader.reload()
    await mine.waitForComments(4)
    await mine
      .comment('Un avis à modérer')
      .getByText('En attente de modération', { exact: true })
      .waitFor()
    await expect.poll(() => mine.heading().textContent()).toBe('3 commentaires')

    // Another reader does not see it.
    const { page: other } = await harness.newPage()
    await other.goto(`${origin()}/`)
    const theirs = widget(other, 'fr')
    await theirs.waitForComments(3)
    expect(await theirs.comment('Un avis à modérer').count()).toBe(0)

    // The owner: a wrong password first, then the right one; the queue is the landing view.
    const { page } = await harness.newPage()
    const panel = adminPanel(page, origin())
    await panel.open()
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Log in', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Wrong password. Try again.' }).waitFor()
    await panel.logIn()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/queue')
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor()
    const row = panel.row('Un avis à modérer')
    expect(await row.textContent()).toContain('zoe@example.com')
    await page
      .getByRole('link', { name: /^Queue/ })
      .getByText('1', { exact: true })
      .waitFor()

    await panel.act(row, 'Approve', 'Comment approved.')
    await row.waitFor({ state: 'detached' })
    await other.reload()
    await theirs.waitForComments(4)
    await theirs.comment('Un avis à modérer').waitFor()

    // The owner's reply, from the list of all comments, carries the Author badge in the widget.
    await panel.show('#/all')
    const approved = panel.row('Un avis à modérer')
    await approved.getByRole('button', { name: 'Reply', exact: true }).click()
    await approved.getByLabel('Your reply to Zoé (Markdown)').fill('Merci *Zoé* !')
    await approved.getByLabel('Your name').fill('Elena')
    await approved.getByRole('button', { name: 'Publish reply', exact: true }).click()
    await panel.notice.filter({ hasText: 'Reply published.' }).waitFor()
    await other.reload()
    await theirs.waitForComments(5)
    const answer = theirs.comment('Merci Zoé')
    await answer.getByText('Auteur', { exact: true }).waitFor()
    expect(await answer.locator('.causerie-author').textContent()).toBe('Elena')
    expect(await theirs.comment('Un avis à modérer').getByText('Auteur').count()).toBe(0)

    // Its author sees it published: no longer marked.
    await reader.reload()
    await mine.waitForComments(5)
    expect(
      await mine.comment('Un avis à modérer').getByText('En attente de modération').count(),
    ).toBe(0)
  })

  it('marks spam, deletes with Undo, edits, acts in bulk and bans, with effects on the server', async () => {
    const uri = '/admin-actions'
    const spam = await held(uri, 'Achetez des montres', { email: 'spam@example.com' })
    const gone = await held(uri, 'À effacer puis rétablir')
    const typo = await held(uri, 'Une faute de frape')
    const troll = await held(uri, 'Un troll', { email: 'troll@example.com', name: 'Troll' })
    const { page, panel } = await loggedIn(`#/thread?uri=${encodeURIComponent(uri)}`)
    await page.getByRole('heading', { name: uri, level: 2 }).waitFor()
    await panel.rows.nth(3).waitFor()

    await panel.act(panel.row('Achetez des montres'), 'Spam', 'Comment marked as spam.')
    expect((await adminComment(spam)).status).toBe('spam')

    await panel.act(panel.row('À effacer puis rétablir'), 'Delete', 'Comment deleted.')
    expect((await adminComment(gone)).status).toBe('deleted')
    await panel.notice.getByRole('button', { name: 'Undo' }).click()
    await panel.notice.filter({ hasText: 'Comment restored.' }).waitFor()
    expect((await adminComment(gone)).status).toBe('pending')

    // In edit mode the body gives way to the editor: hold on to the row by its id.
    const typoId = await panel.row('Une faute de frape').getAttribute('id')
    const typoRow = page.locator(`[id="${typoId}"]`)
    await typoRow.getByRole('button', { name: 'Edit', exact: true }).click()
    await typoRow.getByLabel('Text (Markdown)').fill('Une faute *corrigée*')
    await typoRow.getByRole('button', { name: 'Save', exact: true }).click()
    await panel.notice.filter({ hasText: 'Comment updated.' }).waitFor()
    expect(await adminComment(typo)).toMatchObject({
      text: 'Une faute *corrigée*',
      html: '<p>Une faute <em>corrigée</em></p>\n',
    })

    // Bulk: tick two rows, approve both.
    await panel.row('Une faute corrigée').getByRole('checkbox').check()
    await panel.row('À effacer puis rétablir').getByRole('checkbox').check()
    await page.getByText('2 selected').waitFor()
    await page.locator('.bulk').getByRole('button', { name: 'Approve', exact: true }).click()
    await panel.notice.filter({ hasText: '2 comments approved.' }).waitFor()
    expect((await api.thread(uri)).comments.map((comment) => comment.id).sort()).toEqual(
      [gone, typo].sort(),
    )

    // Ban the troll's email: their next comment is spam.
    const trollRow = panel.row('Un troll')
    await panel.act(trollRow, 'Ban email', 'troll@example.com is banned')
    await trollRow.getByRole('button', { name: 'Unban email', exact: true }).waitFor()
    expect((await blocklist()).emails).toEqual(['troll@example.com'])
    const again = await held(uri, 'Encore moi', { email: 'TROLL@example.com' })
    expect((await adminComment(again)).status).toBe('spam')

    // Ban the client, then undo: every test comment comes from this very client.
    const { client } = await adminComment(troll)
    await panel.act(trollRow, 'Ban client', 'This client is banned')
    expect((await blocklist()).clients).toEqual([client])
    await panel.notice.getByRole('button', { name: 'Undo' }).click()
    await panel.notice.filter({ hasText: 'This client is no longer banned.' }).waitFor()
    expect((await blocklist()).clients).toEqual([])

    // The blocklist view edits the words, and lifts the email ban.
    await panel.tab('Blocklist & bans').click()
    await page.getByRole('heading', { name: 'Blocked words' }).waitFor()
    await page.getByLabel('New entry in Blocked words').fill('Casino')
    await page.getByLabel('New entry in Blocked words').press('Enter')
    await page.getByText('casino', { exact: true }).waitFor()
    expect((await blocklist()).words).toEqual(['casino'])
    const casino = await held(uri, 'Meilleur casino en ligne')
    expect((await adminComment(casino)).status).toBe('spam')
    await page.getByRole('button', { name: 'Remove casino' }).click()
    await page.getByRole('button', { name: 'Remove troll@example.com' }).click()
    await panel.notice.filter({ hasText: 'troll@example.com is off the blocklist.' }).waitFor()
    expect(await blocklist()).toEqual({ words: [], emails: [], clients: [] })
  })

  it('filters by status and searches by text, author, email or thread', async () => {
    const uri = '/admin-search'
    await held(uri, 'Une girafe dans le salon', { name: 'Gaspard', email: 'gaspard@example.com' })
    const { page, panel } = await loggedIn('#/search')
    const field = page.getByLabel('Search by text, author, email or thread')
    for (const query of ['GIRAFE', 'gaspard', 'gaspard@example.com', 'admin-search']) {
      await field.fill(query)
      await field.press('Enter')
      await page.getByRole('heading', { name: `Comments matching “${query}”` }).waitFor()
      await panel.row('Une girafe dans le salon').waitFor()
      expect(await panel.rows.count()).toBe(1)
    }
    await panel.filter('Spam').click()
    await page.getByText('No comment matches “admin-search”.').waitFor()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/search?q=admin-search&status=spam')
    await panel.show('#/all?status=pending')
    expect(await panel.filter('Pending').getAttribute('aria-pressed')).toBe('true')
    await panel.row('Une girafe dans le salon').waitFor()
  })

  it('closes a thread to new comments, and the widget says so', async () => {
    const uri = '/admin-closed'
    await held(uri, 'Avant la fermeture')
    const { page } = await loggedIn('#/threads')
    const line = page.getByRole('row').filter({ hasText: uri })
    await line.getByRole('button', { name: 'Close', exact: true }).click()
    await page.locator('.notice', { hasText: `${uri} is closed to new comments.` }).waitFor()
    expect((await api.thread(uri)).closed).toBe(true)
    expectError(await api.post({ uri, text: 'Trop tard' }), 403, 'thread_closed')

    const { page: reader } = await harness.newPage()
    await openOnServer(
      reader,
      origin(),
      '/page/admin-closed',
      blogPage(origin(), { lang: 'fr', attributes: { 'data-uri': uri } }),
    )
    const ui = widget(reader, 'fr')
    await ui.host.getByText('Les commentaires sont fermés sur cette page.').waitFor()
    expect(await ui.host.locator('textarea').count()).toBe(0)

    await line.getByRole('button', { name: 'Reopen', exact: true }).click()
    await page.locator('.notice', { hasText: `${uri} is open to new comments again.` }).waitFor()
    expect((await api.thread(uri)).closed).toBeUndefined()
    expectStatus(await api.post({ uri, text: 'Rouvert' }), 202)
  })

  it('logs in and approves with the keyboard alone, with the focus always in sight', async () => {
    const id = await held('/admin-keyboard', 'Approuvé au clavier')
    const { page } = await harness.newPage()
    await adminPanel(page, origin()).open()
    // The password field has the focus from the start.
    await page.keyboard.type(ADMIN_PASSWORD)
    await page.keyboard.press('Enter')
    await page.getByRole('navigation', { name: 'Views' }).waitFor()
    await adminPanel(page, origin()).row('Approuvé au clavier').waitFor()

    let found = false
    for (let presses = 0; presses < 300 && !found; presses++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement
        const style = getComputedStyle(element)
        return {
          text: element.textContent,
          row: element.closest('article')?.textContent ?? '',
          visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        }
      })
      expect(focused.visible, `no visible focus on ${focused.text}`).toBe(true)
      found = focused.text === 'Approve' && focused.row.includes('Approuvé au clavier')
    }
    expect(found).toBe(true)
    await page.keyboard.press('Enter')
    await page.locator('.notice', { hasText: 'Comment approved.' }).waitFor()
    expect((await adminComment(id)).status).toBe('published')
    // The row left the queue; the focus did not fall back to the top of the page.
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true)
    // Ctrl+Z undoes it.
    await page.keyboard.press('Control+z')
    await page.locator('.notice', { hasText: 'Comment restored.' }).waitFor()
    expect((await adminComment(id)).status).toBe('pending')
  })

  it('speaks French, and logs out', async () => {
    // A session of its own: logging out must not end the one the other tests share.
    const { page } = await harness.newPage()
    const panel = adminPanel(page, origin())
    await panel.open()
    await panel.logIn()
    await page.getByRole('button', { name: 'Lire l’interface en français' }).click()
    await page.getByRole('navigation', { name: 'Vues' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr')
    await page.getByRole('link', { name: /^À modérer/ }).waitFor()
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByLabel('Mot de passe').waitFor()
    await panel.open()
    await page.getByLabel('Mot de passe').waitFor()
  })
})

describe('hostile comments in the panel', () => {
  const { origin, admin, api } = useServer({ CAUSERIE_DEMO: 'off' })
  const uri = '/xss-admin'
  // Evenly spread over the corpus, so that each class (Markdown links, raw HTML, CSS, mutation
  // XSS, attribute breakouts, polyglots) is represented, and no more than the panel's first page
  // of 50 rows holds; plus the website payloads, the ones a website field may accept.
  const step = Math.ceil(PAYLOADS.length / 45)
  const sample = PAYLOADS.filter(
    (payload, index) => index % step === 0 || payload.name.startsWith('website '),
  ).slice(0, 50)
  const raw = { names: [] as string[], website: 0 }

  beforeAll(async () => {
    for (const [index, { value }] of sample.entries()) {
      const body: Record<string, string> = {
        uri,
        text: `${value}\n\n(${index})`,
        name: value,
        website: value,
        email: `reader${index}@example.com`,
      }
      // The server refuses some as names or websites (422): put a harmless value in their place.
      for (let tries = 0; tries < 3; tries++) {
        const res = await api.post(body)
        if (res.status === 202) break
        const field = (res.json as { error?: { field?: string } }).error?.field
        expect(res.status, res.text).toBe(422)
        if (field === 'name') body.name = `nom ${index}`
        else if (field === 'website') body.website = `https://example.com/${index}`
        else throw new Error(`refused: ${res.text}`)
      }
      if (body.name === value) raw.names.push(value)
      if (body.website === value) raw.website++
    }
  })

  it('posts at least 30 payloads, many of them as names and websites too', () => {
    expect(sample.length).toBeGreaterThanOrEqual(30)
    expect(raw.names.length).toBeGreaterThanOrEqual(20)
    expect(raw.website).toBeGreaterThanOrEqual(1)
  })

  it('shows them in every view without running anything', async () => {
    const { page } = await harness.newPage()
    const hits = await watchForXss(page)
    const panel = adminPanel(page, origin())
    await panel.resume(admin.cookie)
    await panel.open()
    const problems: string[] = []
    for (const view of [
      '#/queue',
      '#/all',
      `#/thread?uri=${encodeURIComponent(uri)}`,
      '#/search?q=xss-admin',
    ]) {
      await panel.show(view)
      await expect.poll(() => panel.rows.count(), { timeout: 30_000 }).toBe(sample.length)
      // An editor opened on one of them shows its Markdown as text, too.
      await panel.rows.first().getByRole('button', { name: 'Edit', exact: true }).click()
      await page.waitForLoadState('networkidle')
      problems.push(
        ...(await page.evaluate(auditDom, { bodySelector: ADMIN_BODY, allowed: ALLOWED_HTML })),
        ...(await page.evaluate(auditBodies, { bodySelector: ADMIN_BODY, allowed: ALLOWED_HTML })),
      )
      await page.keyboard.press('Escape')
    }
    // Names are shown as they were written, as text.
    expect((await page.locator('.author').allTextContents()).sort()).toEqual(
      expect.arrayContaining(raw.names.map((name) => name.trim()).sort()),
    )
    expect({ ran: hits, problems }).toEqual({ ran: [], problems: [] })
  })
})

describe('mail to the owner and to readers', () => {
  const PUBLIC_URL = 'http://causerie.test'
  const OWNER = 'owner@blog.example'
  let smtp: TestSmtp
  let server: TestServer
  const api = apiClient(() => server.url)

  beforeAll(async () => {
    smtp = await startSmtp()
    server = await startServer({
      env: {
        CAUSERIE_DEMO: 'off',
        CAUSERIE_MODERATION: 'all',
        SMTP_URL: smtp.url,
        CAUSERIE_PUBLIC_URL: PUBLIC_URL,
        CAUSERIE_NOTIFY_EMAIL: OWNER,
      },
    })
  })
  afterAll(async () => {
    await server?.dispose()
    await smtp?.close()
  })

  const toOwner = (text: string) => (mail: ReceivedMail) =>
    mail.to.includes(OWNER) && mail.text.includes(text)

  it('approves with the one-click link, in Chromium, once', async () => {
    const res = await api.post({ uri: '/mail', text: 'Approuvez-moi par courriel', name: 'Ann' })
    expectStatus(res, 202)
    const mail = await smtp.waitFor(toOwner('Approuvez-moi par courriel'))
    const link = linkIn(mail, `${PUBLIC_URL}/moderate?token=`).replace(PUBLIC_URL, server.url)

    const { page } = await harness.newPage()
    await page.goto(link)
    await page.getByRole('heading', { name: 'Approve this comment?' }).waitFor()
    expect((await api.thread('/mail')).total).toBe(0)
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await page.getByRole('heading', { name: 'Comment approved' }).waitFor()
    expect((await api.thread('/mail')).comments.map((comment) => comment.status)).toEqual([
      'published',
    ])

    await page.goto(link)
    await page.getByText('It is published now.').waitFor()
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor()
    await page.getByText('This link was used already').waitFor()
  })

  it('asks a reader who ticked “notify me of replies” to confirm their address', async () => {
    const { page } = await harness.newPage()
    await openOnServer(
      page,
      server.url,
      '/page/notify',
      blogPage(server.url, { lang: 'en', attributes: { 'data-uri': '/notify' } }),
    )
    const ui = widget(page, 'en')
    await ui.textarea().waitFor()
    const notify = ui.mainForm.getByLabel('Notify me of replies')
    expect(await notify.isDisabled()).toBe(true)
    await ui.fill({ text: 'Tell me about replies', email: 'reader@example.com' })
    await notify.check()
    await ui.mainForm.getByRole('button', { name: 'Post comment', exact: true }).click()
    await ui.comment('Tell me about replies').getByText('Awaiting moderation').waitFor()
    const confirmation = await smtp.waitFor((mail) => mail.to.includes('reader@example.com'))
    expect(confirmation.subject).toBe('Confirm reply notifications from causerie.test')
  })

  it('traps a bot that fills the hidden field, answering as if the comment were held', async () => {
    const { page } = await harness.newPage()
    await openOnServer(
      page,
      server.url,
      '/page/trap',
      blogPage(server.url, { lang: 'en', attributes: { 'data-uri': '/trap' } }),
    )
    const ui = widget(page, 'en')
    await ui.textarea().waitFor()
    const trap = ui.mainForm.locator('input[name="homepage"]')
    expect(await trap.getAttribute('tabindex')).toBe('-1')
    expect(await trap.getAttribute('aria-hidden')).toBe('true')
    expect(await trap.evaluate((input) => input.getBoundingClientRect().right <= 0)).toBe(true)
    await trap.fill('https://spam.example', { force: true })
    await ui.fill({ text: 'Cheap watches' })
    await ui.mainForm.getByRole('button', { name: 'Post comment', exact: true }).click()
    await ui.comment('Cheap watches').getByText('Awaiting moderation').waitFor()
    const admin = adminApi(() => server.url)
    expectStatus(await admin.login(), 204)
    const spam = await admin.json<AdminCommentsResponse>(
      'GET',
      '/api/admin/comments?status=spam&uri=%2Ftrap',
    )
    expect(spam.comments.map((comment: AdminComment) => comment.text)).toEqual(['Cheap watches'])
  })
})
