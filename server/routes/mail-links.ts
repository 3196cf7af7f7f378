import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError } from '../errors.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import type { LinkActions, LinkOutcome } from '../services/notifications/link-actions.ts'
import type { LinkKind } from '../services/notifications/mail-links.ts'

/**
 * The pages hold no script and load nothing: the button is a plain form that posts back to the
 * page's own URL (query included), which works without JavaScript.
 */
export const LINK_PAGE_CSP = [
  "default-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** A token and RFC 8058's "List-Unsubscribe=One-Click" fit in far less. */
const FORM_BYTES = 8 * 1024

interface PageText {
  title: string
  body: string
}

interface LinkPage {
  path: string
  kinds: readonly LinkKind[]
  /** What the page asks before the click, and the button's label. */
  ask: (outcome: LinkOutcome) => PageText & { button: string }
  /** What it says once the click has acted. */
  done: (outcome: LinkOutcome) => PageText
}

const PAGES: readonly LinkPage[] = [
  {
    path: '/moderate',
    kinds: ['approve', 'delete'],
    ask: (outcome) => ({
      title: outcome.kind === 'approve' ? 'Approve this comment?' : 'Delete this comment?',
      body: `${describe(outcome)} It is ${outcome.comment?.status} now.`,
      button: outcome.kind === 'approve' ? 'Approve' : 'Delete',
    }),
    done: (outcome) =>
      outcome.kind === 'approve'
        ? { title: 'Comment approved', body: `${describe(outcome)} Readers can see it now.` }
        : {
            title: 'Comment deleted',
            body: `${describe(outcome)} The admin panel can restore it.`,
          },
  },
  {
    path: '/subscriptions/confirm',
    kinds: ['confirm'],
    ask: (outcome) => ({
      title: 'Confirm reply notifications?',
      body: `Mails about replies to your comments will go to ${outcome.email}.`,
      button: 'Confirm',
    }),
    done: (outcome) => ({
      title: 'Confirmed',
      body: `${outcome.email} will get a mail when someone replies to your comments. Each mail has a link to stop them.`,
    }),
  },
  {
    path: '/unsubscribe',
    kinds: ['unsubscribe'],
    ask: (outcome) => ({
      title: 'Stop reply notifications?',
      body: `No more mails about replies will go to ${outcome.email}.`,
      button: 'Unsubscribe',
    }),
    done: (outcome) => ({
      title: 'Unsubscribed',
      body: `No more mails about replies will go to ${outcome.email}.`,
    }),
  },
]

/** /moderate, /subscriptions/confirm and /unsubscribe: the pages that links in mails open. */
export function mailLinkRoutes(actions: LinkActions): Hono {
  const app = new Hono()
  for (const page of PAGES) {
    app
      // Links are opened in a browser: their errors are pages too, from the one error handler.
      .use(page.path, async function linkErrorPages(c, next) {
        c.set('errorPage', errorPage)
        await next()
      })
      .get(page.path, async (c) => {
        const outcome = await actions.inspect(c.req.query('token'), page.kinds)
        return render(c, 200, page.ask(outcome))
      })
      // RFC 8058: a mail client's one-click unsubscribe POSTs "List-Unsubscribe=One-Click" to
      // the List-Unsubscribe URL, token in its query; our own button posts to the same URL.
      .post(page.path, bodyLimit({ maxSize: FORM_BYTES, onError: tooLarge }), async (c) => {
        const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
        const token =
          c.req.query('token') ?? (typeof form.token === 'string' ? form.token : undefined)
        return render(c, 200, page.done(await actions.act(token, page.kinds)))
      })
      .all(page.path, methodNotAllowed(['GET', 'HEAD', 'POST']))
  }
  return app
}

function errorPage(c: Context, status: ContentfulStatusCode, error: DomainError | undefined) {
  if (!error) {
    return render(c, status, {
      title: 'Something went wrong',
      body: 'Try again later, or use the admin panel.',
    })
  }
  const title = error.code === 'link_stale' ? 'This comment has changed' : 'This link does not work'
  return render(c, status, { title, body: error.message })
}

function describe(outcome: LinkOutcome): string {
  return outcome.comment ? `${outcome.comment.name} wrote: “${outcome.comment.excerpt}”.` : ''
}

function tooLarge(): never {
  throw new DomainError('payload_too_large', 'The form is larger than a link page ever sends.')
}

/** Every value is escaped by hono/html; the token stays in the URL the form posts back to. */
function render(c: Context, status: ContentfulStatusCode, text: PageText & { button?: string }) {
  c.header('Content-Security-Policy', LINK_PAGE_CSP)
  // The URL holds a token: no Referer may carry it anywhere, no cache or robot may keep it.
  c.header('Referrer-Policy', 'no-referrer')
  c.header('Cache-Control', 'no-store')
  c.header('X-Robots-Tag', 'noindex')
  const form =
    text.button === undefined
      ? ''
      : html`<form method="post"><button type="submit">${text.button}</button></form>`
  return c.html(
    html`<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title} – Causerie</title>
<h1>${text.title}</h1>
<p>${text.body}</p>
${form}
</html>
`,
    status,
  )
}
