import type { Locator, Page } from 'playwright-core'
import { ADMIN_PASSWORD } from './admin.ts'

// What the owner sees of the admin panel at /admin: the tests drive it through its labels and
// roles, as a person would.

/** Selector of a comment's rendered body in the panel (the widget's CommentBody). */
export const ADMIN_BODY = '.causerie-body'

/** A page object for the admin panel of the server at `origin`. */
export function adminPanel(page: Page, origin: string) {
  const rows = page.locator('article.row')
  return {
    rows,
    /** The comment row whose body contains `text`. */
    row: (text: string) => rows.filter({ has: page.locator(ADMIN_BODY, { hasText: text }) }),
    /** The live region that says what the last action did, with Undo. */
    notice: page.locator('.notice'),
    tab: (name: string) => page.getByRole('navigation').getByRole('link', { name }),
    /** A button of the status filter: Any, Pending, Published, Spam or Deleted. */
    filter: (name: string) =>
      page.locator('fieldset.filter').getByRole('button', { name, exact: true }),

    /** Opens /admin (the fragment names a view) and waits for the login form or the panel. */
    async open(fragment = ''): Promise<void> {
      await page.goto(`${origin}/admin${fragment}`)
      await page.locator('.login-card, nav.tabs').first().waitFor()
    },

    /**
     * Carries a session opened over the API (AdminApi's cookie) into the page, so that a test
     * that is not about the login form skips it: a file logs in once.
     */
    async resume(cookie: string): Promise<void> {
      const [name = '', value = ''] = cookie.split('=')
      const { hostname } = new URL(origin)
      await page
        .context()
        .addCookies([{ name, value, domain: hostname, path: '/api/admin', httpOnly: true }])
    },

    /** Logs in with the password form. */
    async logIn(password = ADMIN_PASSWORD): Promise<void> {
      await page.getByLabel('Password', { exact: true }).fill(password)
      await page.getByRole('button', { name: 'Log in', exact: true }).click()
      await page.getByRole('navigation', { name: 'Views' }).waitFor()
    },

    /** Shows the view `fragment` names, e.g. '#/all?status=spam', and waits for its list. */
    async show(fragment: string): Promise<void> {
      await page.evaluate((hash) => {
        location.hash = hash
      }, fragment)
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' })
    },

    /** Clicks one of a row's buttons, e.g. Approve, and waits for the notice that says `done`. */
    async act(row: Locator, button: string, done: string): Promise<void> {
      await row.getByRole('button', { name: button, exact: true }).click()
      await page.locator('.notice', { hasText: done }).waitFor()
    },
  }
}

export type AdminPanel = ReturnType<typeof adminPanel>
