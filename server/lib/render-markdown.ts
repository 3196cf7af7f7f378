import MarkdownIt, { type StateCore, type Token } from 'markdown-it'

/** Every link we render carries this: no SEO credit for spam, no window.opener (SECURITY.md). */
export const LINK_REL = 'nofollow ugc noopener'

// Only absolute web and mail links; javascript:, data:, relative and protocol-relative
// URLs stay plain text. markdown-it has already decoded entities and percent-encoded
// whitespace and controls when it asks, so "jav&#x61;script:" and "java\tscript:" fail here.
const SAFE_LINK = /^(?:https?:\/\/[^\s/]|mailto:[^\s])/i

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
// Comments are conversation: headings, tables and rules would let one reply shout over the page.
md.disable(['heading', 'lheading', 'table', 'hr'])
md.validateLink = (url) => SAFE_LINK.test(url.trim())
md.core.ruler.push('causerie_output', rewriteTokens)

/** Renders comment Markdown to HTML made only of p, br, blockquote, pre, code, em, strong, del, ul, ol, li and a. */
export function renderMarkdown(text: string): string {
  return md.render(text)
}

function rewriteTokens(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === 'fence') token.info = ''
    if (token.type === 'ordered_list_open') token.attrs = null
    if (token.type === 'inline' && token.children)
      token.children = rewriteInline(token.children, state)
  }
}

/** Images become links, strikethrough becomes del, links get rel and lose any other attribute. */
function rewriteInline(children: Token[], state: StateCore): Token[] {
  const output: Token[] = []
  let droppingLink = false
  for (const token of children) {
    if (token.type === 'image') {
      output.push(...imageAsLink(token, state))
    } else if (token.type === 'link_open') {
      // An empty or unsafe href (e.g. from "[x]()") keeps the label as text, without a link.
      const href = attribute(token, 'href')
      droppingLink = !md.validateLink(href)
      if (!droppingLink) output.push(linkOpen(href, attribute(token, 'title'), state))
    } else if (token.type === 'link_close') {
      if (!droppingLink) output.push(token)
      droppingLink = false
    } else {
      if (token.type === 's_open' || token.type === 's_close') token.tag = 'del'
      output.push(token)
    }
  }
  return output
}

function imageAsLink(image: Token, state: StateCore): Token[] {
  const src = attribute(image, 'src')
  const label = plainText(image.children ?? []) || src
  const text = new state.Token('text', '', 0)
  text.content = label
  if (!md.validateLink(src)) return [text]
  const close = new state.Token('link_close', 'a', -1)
  return [linkOpen(src, attribute(image, 'title'), state), text, close]
}

function attribute(token: Token, name: string): string {
  return String(token.attrGet(name) ?? '')
}

function linkOpen(href: string, title: string, state: StateCore): Token {
  const token = new state.Token('link_open', 'a', 1)
  token.attrs = [['href', href]]
  if (title) token.attrs.push(['title', title])
  token.attrs.push(['rel', LINK_REL])
  return token
}

function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'text' || token.type === 'code_inline') return token.content
      if (token.type === 'softbreak' || token.type === 'hardbreak') return ' '
      return plainText(token.children ?? [])
    })
    .join('')
}
