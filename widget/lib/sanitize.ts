import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify'

// The server already renders Markdown to safe HTML; this is the second wall (DESIGN.md, Rules).
// Keep the allow-list short and never widen it: sanitiser options that grew turned safe output
// unsafe in other comment systems (LESSONS.md).
const CONFIG: Config = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    'del',
    'ul',
    'ol',
    'li',
    'a',
  ],
  // Always name the attributes: the build leaves out DOMPurify's default lists (scripts/build.mjs).
  ALLOWED_ATTR: ['href', 'title'],
  ALLOWED_URI_REGEXP: /^(?:https?:\/\/|mailto:)/i,
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
}

let purifier: Purifier | undefined

// A private instance: hooks and settings added here cannot leak into a DOMPurify the blog uses,
// nor theirs into ours.
function getPurifier(): Purifier {
  if (!purifier) {
    purifier = DOMPurify(window)
    // Set once: a config passed to sanitize() is parsed again on every call, which costs more
    // than the sanitising itself on a thread of a thousand comments.
    purifier.setConfig(CONFIG)
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') node.setAttribute('rel', 'nofollow ugc noopener')
    })
  }
  return purifier
}

/** Comment HTML reduced to the allow-list; insert the result exactly as returned. */
export function sanitize(html: string): string {
  return getPurifier().sanitize(html)
}
