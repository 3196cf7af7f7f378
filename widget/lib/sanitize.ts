import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify'
import { ALLOWED_HTML } from './allowed-html.ts'

// The server already renders Markdown to safe HTML; this is the second wall (docs/architecture.md,
// Security model).
const CONFIG: Config = {
  ALLOWED_TAGS: ALLOWED_HTML.tags,
  // Always name the attributes: the build leaves out DOMPurify's default lists (scripts/build.mjs).
  ALLOWED_ATTR: ALLOWED_HTML.attributes,
  ALLOWED_URI_REGEXP: new RegExp(ALLOWED_HTML.href, 'i'),
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // TrustedHTML where the browser has Trusted Types, so that a page enforcing them (README.md,
  // Embedding) lets the result into innerHTML; a string elsewhere.
  RETURN_TRUSTED_TYPE: true,
}

let purifier: Purifier | undefined

// A private instance: hooks and settings added here cannot leak into a DOMPurify the blog uses,
// nor theirs into ours.
function getPurifier(): Purifier {
  if (!purifier) {
    purifier = DOMPurify(window)
    // Our own policy, named after us: DOMPurify's default name, 'dompurify', may already be taken
    // by the blog's own copy. It signs only what this private instance returns. Where the page's
    // CSP refuses the name, no policy: strings, as before (and as where Trusted Types are absent).
    let policy: Config['TRUSTED_TYPES_POLICY'] = null
    try {
      // DOMPurify calls only these two (its typings ask for a whole policy).
      policy = (window as WindowLike).trustedTypes?.createPolicy('causerie', {
        createHTML: (html: string) => html,
        createScriptURL: (url: string) => url,
      }) as Config['TRUSTED_TYPES_POLICY']
    } catch {}
    // Set once: a config passed to sanitize() is parsed again on every call, which costs more
    // than the sanitising itself on a thread of a thousand comments.
    purifier.setConfig({ ...CONFIG, TRUSTED_TYPES_POLICY: policy })
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') node.setAttribute('rel', 'nofollow ugc noopener')
    })
  }
  return purifier
}

/**
 * Comment HTML reduced to the allow-list; insert the result exactly as returned. Where the browser
 * has Trusted Types it is a TrustedHTML, not a string (typed as the string that Preact's
 * dangerouslySetInnerHTML expects): it goes to innerHTML and nowhere else.
 */
export function sanitize(html: string): string {
  return getPurifier().sanitize(html)
}
