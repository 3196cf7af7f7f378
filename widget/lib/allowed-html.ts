// The HTML a comment body may hold: what the server's Markdown renderer emits
// (server/lib/render-markdown.ts), what sanitize() lets through, and what the XSS audits accept.
// Keep it short and never widen it: sanitiser options that grew turned safe output unsafe in
// other comment systems (docs/architecture.md, Security model). Plain arrays and strings, so that
// a test can hand it to code that runs in a page (page.evaluate).
export const ALLOWED_HTML = {
  tags: ['p', 'br', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 'ul', 'ol', 'li', 'a'],
  /** What an author may set; every link also gets `rel`, from the renderer and from sanitize(). */
  attributes: ['href', 'title'],
  /** The only attribute we add ourselves. */
  addedAttributes: ['rel'],
  /** Source of the pattern a link's href must match (case-insensitive): absolute web and mail. */
  href: '^(?:https?://|mailto:)',
}
