import type { Locator, Page } from 'playwright-core'

// What a reader sees of the widget, in both languages: the tests drive it through these labels
// and roles, as a person would. Playwright's CSS and role locators pierce the open shadow root.

export const LABELS = {
  fr: {
    text: 'Commentaire',
    name: 'Nom',
    email: 'Courriel',
    website: 'Site web',
    submit: 'Publier',
    reply: 'Répondre',
    edit: 'Modifier',
    save: 'Enregistrer',
    delete: 'Supprimer',
    confirmDelete: 'Supprimer',
    preview: 'Aperçu',
    replyLabel: (name: string) => `Répondre à ${name}`,
    heading: (n: number) => (n < 2 ? `${n} commentaire` : `${n} commentaires`),
    showMore: 'Afficher plus de commentaires',
  },
  en: {
    text: 'Comment',
    name: 'Name',
    email: 'Email',
    website: 'Website',
    submit: 'Post comment',
    reply: 'Reply',
    edit: 'Edit',
    save: 'Save',
    delete: 'Delete',
    confirmDelete: 'Delete',
    preview: 'Preview',
    replyLabel: (name: string) => `Reply to ${name}`,
    heading: (n: number) => (n === 1 ? '1 comment' : `${n} comments`),
    showMore: 'Show more comments',
  },
} as const

export type Lang = keyof typeof LABELS

/** Selector of a comment's rendered body, inside the shadow root. */
export const BODY = '.causerie-body'
const COMMENT = 'article.causerie-comment'

export interface Draft {
  text: string
  name?: string
  email?: string
  website?: string
}

/** A page object for the widget mounted in `#causerie`. */
export function widget(page: Page, lang: Lang = 'fr') {
  const l = LABELS[lang]
  const host = page.locator('#causerie')
  // The top-level form: the one that is not opened under a comment.
  const mainForm = host.locator('section.causerie > form')

  return {
    host,
    labels: l,
    mainForm,
    /** Every comment, deleted placeholders included. */
    comments: host.locator(COMMENT),
    /** The comment whose body contains `text`. */
    comment: (text: string) =>
      host.locator(COMMENT).filter({ has: page.locator(BODY, { hasText: text }) }),
    /** The replies listed under the comment whose body contains `text`. */
    repliesOf: (text: string) =>
      host
        .locator('li')
        .filter({ has: page.locator(`:scope > ${COMMENT} ${BODY}`, { hasText: text }) })
        .locator(':scope > ol.causerie-replies'),
    textarea: (form: Locator = mainForm) => form.getByLabel(l.text, { exact: true }),

    /** Waits until exactly `count` comments (placeholders included) are rendered. */
    async waitForComments(count: number): Promise<void> {
      await page.waitForFunction(
        ([selector, n]) =>
          document.querySelector('#causerie')?.shadowRoot?.querySelectorAll(selector).length === n,
        [COMMENT, count] as const,
        { timeout: 30_000 },
      )
    },

    /**
     * Shows the whole thread, as a reader would: "Show more comments" until there is no more,
     * then waits until exactly `count` comments (placeholders included) are rendered.
     */
    async showAll(count: number): Promise<void> {
      const more = host.getByRole('button', { name: l.showMore, exact: true })
      await host.locator(COMMENT).first().waitFor({ timeout: 30_000 })
      while ((await more.count()) > 0) {
        await more.first().click()
        // Clicked: it is busy until the page is in, then comes back (or goes, at the end).
        await page.waitForFunction(
          () =>
            !document
              .querySelector('#causerie')
              ?.shadowRoot?.querySelector('button[aria-busy="true"]'),
        )
      }
      await this.waitForComments(count)
    },

    /** Fills the top-level form (it arrives after the thread: wait for it). */
    async fill(draft: Draft, form: Locator = mainForm): Promise<void> {
      await form.getByLabel(l.text, { exact: true }).fill(draft.text)
      if (draft.name !== undefined) await form.getByLabel(l.name, { exact: true }).fill(draft.name)
      if (draft.email !== undefined) await form.getByLabel(l.email).fill(draft.email)
      if (draft.website !== undefined) {
        await form.getByLabel(l.website, { exact: true }).fill(draft.website)
      }
    },

    /**
     * Posts a top-level comment with the form and waits until it is in the thread, showing
     * `shown` (the text as rendered, when Markdown changes it).
     */
    async post(draft: Draft, shown = draft.text): Promise<Locator> {
      await this.fill(draft)
      await mainForm.getByRole('button', { name: l.submit, exact: true }).click()
      const posted = this.comment(shown)
      await posted.waitFor()
      return posted
    },

    /** Replies to the comment whose body contains `parentText`. */
    async reply(parentText: string, parentName: string, text: string): Promise<Locator> {
      const parent = this.comment(parentText)
      await parent.getByRole('button', { name: l.reply, exact: true }).click()
      const form = host.locator('.causerie-reply form')
      await form.getByLabel(l.replyLabel(parentName), { exact: true }).fill(text)
      await form.getByRole('button', { name: l.submit, exact: true }).click()
      const posted = this.comment(text)
      await posted.waitFor()
      return posted
    },

    /** Edits one of the reader's own comments in place. */
    async edit(oldText: string, newText: string, shown = newText): Promise<Locator> {
      // In edit mode the body gives way to the editor: hold on to the article by its id.
      const id = await this.comment(oldText).getAttribute('id')
      const article = host.locator(`[id="${id}"]`)
      await article.getByRole('button', { name: l.edit, exact: true }).click()
      const editor = article.locator('form')
      await editor.locator('textarea').fill(newText)
      await editor.getByRole('button', { name: l.save, exact: true }).click()
      const edited = this.comment(shown)
      await edited.waitFor()
      return edited
    },

    /** Deletes one of the reader's own comments, confirming. */
    async remove(text: string): Promise<void> {
      const article = this.comment(text)
      await article.getByRole('button', { name: l.delete, exact: true }).click()
      await article
        .locator('.causerie-confirm')
        .getByRole('button', { name: l.confirmDelete, exact: true })
        .click()
      await article.waitFor({ state: 'detached' })
    },

    /** Types `text` into the top-level form with the preview on, and waits for its rendering. */
    async preview(text: string): Promise<Locator> {
      const toggle = mainForm.getByRole('button', { name: l.preview, exact: true })
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
      const answered = page.waitForResponse(
        (res) => res.url().endsWith('/api/preview') && res.request().postDataJSON()?.text === text,
      )
      await this.textarea().fill(text)
      await answered
      // The answer is painted in the next frame at the latest.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
      return mainForm.locator('.causerie-preview')
    },

    /** Number of the heading ("3 commentaires"). */
    heading: () => host.getByRole('heading', { level: 2 }),
  }
}

export type Widget = ReturnType<typeof widget>
