// Checks that hostile content came out inert: on the server's HTML string, and on the live DOM.
import { ALLOWED_HTML } from '../../widget/lib/allowed-html.ts'

const ALLOWED_TAGS = new Set(ALLOWED_HTML.tags)
const ALLOWED_ATTRIBUTES = new Set([...ALLOWED_HTML.attributes, ...ALLOWED_HTML.addedAttributes])
const SAFE_HREF = new RegExp(ALLOWED_HTML.href, 'i')

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g
const ATTRIBUTE = /\s+([^\s=/>]+)(?:="([^"]*)")?/g

/**
 * Lists what is wrong with one rendered comment: any tag or attribute outside the allow-list,
 * any `<` that does not open an allowed tag, any href that is not absolute http(s) or mailto.
 * (The server writes double-quoted attributes and escapes `<`, `>` and `"` in text and values.)
 */
export function auditServerHtml(html: string): string[] {
  const problems: string[] = []
  const rest = html.replace(TAG, (_whole, _close: string, tag: string, attributes: string) => {
    if (!ALLOWED_TAGS.has(tag)) problems.push(`tag <${tag}>`)
    for (const [, name = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
      if (!ALLOWED_ATTRIBUTES.has(name)) problems.push(`attribute ${name} on <${tag}>`)
      if (name === 'href' && !SAFE_HREF.test(decodeEntities(value))) {
        problems.push(`href "${value}"`)
      }
    }
    return ''
  })
  if (rest.includes('<')) problems.push(`unescaped "<" in ${JSON.stringify(rest.slice(0, 120))}`)
  return problems
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&amp;/g, '&')
}

export interface DomAuditOptions {
  /** Selector of comment bodies inside the widget's shadow root. */
  bodySelector: string
  /** What a comment body may hold: pass ALLOWED_HTML (this function cannot import it). */
  allowed: typeof ALLOWED_HTML
}

/**
 * Runs IN THE PAGE (pass to page.evaluate): walks the document and every shadow root and lists
 * event-handler attributes, dangerous URLs, and elements outside the allow-list in comment bodies.
 * Self-contained: it may not use anything from this module's scope.
 */
export function auditDom({ bodySelector, allowed }: DomAuditOptions): string[] {
  const problems: string[] = []
  const URL_ATTRIBUTES = [
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'srcdoc',
    'to',
    'values',
    'from',
    'by',
  ]
  const DANGEROUS = /^(?:javascript|vbscript|data):/
  // The blog's own page may hold anything; the widget's shadow root none of these (its own form
  // is fine: forms are checked inside comment bodies below).
  const FORBIDDEN = new Set(['iframe', 'frame', 'object', 'embed', 'base', 'meta', 'applet'])
  const BODY_TAGS = new Set(allowed.tags)
  const BODY_ATTRIBUTES = [...allowed.attributes, ...allowed.addedAttributes]
  const SAFE_LINK = new RegExp(allowed.href, 'i')
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 160)}`
  // Browsers ignore these when reading a URL scheme: "java\tscript:" is javascript:.
  const normalise = (value: string) =>
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what the scheme hides behind
      .replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '')
      .toLowerCase()

  const roots: (Document | ShadowRoot)[] = [document]
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i] as Document | ShadowRoot
    const isDocument = root === document
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.shadowRoot) roots.push(el.shadowRoot)
      const tag = el.tagName.toLowerCase()
      for (const attribute of Array.from(el.attributes)) {
        const name = attribute.name.toLowerCase()
        if (name.startsWith('on')) problems.push(`${name} attribute: ${describe(el)}`)
        if (URL_ATTRIBUTES.includes(name) && DANGEROUS.test(normalise(attribute.value))) {
          problems.push(`${name}="${attribute.value.slice(0, 80)}": ${describe(el)}`)
        }
        if (name === 'style' && /url\s*\(|expression\s*\(/i.test(attribute.value) && !isDocument) {
          problems.push(`style with url() or expression(): ${describe(el)}`)
        }
      }
      // The only scripts: the page's own <script src> tags.
      if (tag === 'script' && !(isDocument && (el as HTMLScriptElement).src !== '')) {
        problems.push(`script element: ${describe(el)}`)
      }
      if (!isDocument && FORBIDDEN.has(tag)) problems.push(`${tag} element: ${describe(el)}`)
    }
    if (!isDocument) {
      for (const body of Array.from(root.querySelectorAll(bodySelector))) {
        for (const el of Array.from(body.querySelectorAll('*'))) {
          const tag = el.tagName.toLowerCase()
          if (!BODY_TAGS.has(tag)) problems.push(`<${tag}> in a comment body: ${describe(el)}`)
          for (const attribute of Array.from(el.attributes)) {
            if (!BODY_ATTRIBUTES.includes(attribute.name)) {
              problems.push(`${attribute.name} attribute in a comment body: ${describe(el)}`)
            }
          }
          if (tag === 'a' && !SAFE_LINK.test(el.getAttribute('href') ?? '')) {
            problems.push(`link that is not http(s) or mailto in a comment body: ${describe(el)}`)
          }
        }
      }
    }
  }
  return problems
}
