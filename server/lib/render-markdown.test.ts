import { describe, expect, it } from 'vitest'
import { ALLOWED_HTML } from '../../widget/lib/allowed-html.ts'
import { LINK_REL, renderMarkdown } from './render-markdown.ts'

const ALLOWED_TAGS = new Set(ALLOWED_HTML.tags)
const ALLOWED_ATTRIBUTES = new Set([...ALLOWED_HTML.attributes, ...ALLOWED_HTML.addedAttributes])
const SAFE_HREF = new RegExp(ALLOWED_HTML.href, 'i')

/** Every problem with `html`: a tag, attribute or href outside the allow-list. */
function violations(html: string): string[] {
  const found: string[] = []
  // Any '<' must open a tag we can parse; text '<' is always escaped as &lt;.
  const tags = html.match(/<[^>]*>?/g) ?? []
  for (const tag of tags) {
    const match = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>$/i.exec(tag)
    if (!match) {
      found.push(`unparsable tag ${tag}`)
      continue
    }
    const [, name = '', attributes = ''] = match
    if (!ALLOWED_TAGS.has(name)) found.push(`tag ${name}`)
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([a-z-]+)="([^"]*)"/gi)) {
      if (!ALLOWED_ATTRIBUTES.has(attribute)) found.push(`attribute ${attribute} on ${name}`)
      if (attribute === 'href' && !SAFE_HREF.test(decodeEntities(value)))
        found.push(`href ${value}`)
    }
  }
  return found
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&')
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<!-- comment --><b>bold</b>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](jav&#x61;script:alert(1))',
  '[x](jav&#97;script:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](java\u0000script:alert(1))',
  '[x](java%0ascript:alert(1))',
  '[x](\u0001javascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](file:///etc/passwd)',
  '[x](//evil.example/x)',
  '[x](/relative)',
  '[x](relative/path)',
  '[x](#fragment)',
  '[x](?query)',
  '[x]()',
  '[x](<>)',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2Zz4=)',
  '![x](https://img.example/a.png)',
  '![<img src=x onerror=alert(1)>](https://img.example/a.png)',
  '<javascript:alert(1)>',
  '<vbscript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<https://ok.example/<script>>',
  '[a]: javascript:alert(1)\n\n[a]',
  '[a]: data:text/html,x\n\n[a][]',
  '[a]: //evil.example\n\n[x][a]',
  '[a]: https://ok.example "t"\n\n![img][a]',
  '[[x](javascript:alert(1))](https://ok.example)',
  '[![x](javascript:alert(1))](javascript:alert(2))',
  '[x [y](javascript:alert(1))](https://ok.example)',
  'javascript:alert(1) www.evil.example //evil.example ftp://evil.example',
  'mailto:someone@example.com and someone@example.com',
  '[mail](mailto:a@b.example?subject=<script>)',
  '```html\n<script>alert(1)</script>\n```',
  '```"><script>alert(1)</script>\nx\n```',
  '    <script>indented</script>',
  '`<script>`',
  '~~<s>x</s>~~',
  '# <h1>heading</h1>',
  'Setext\n======',
  '| a | b |\n|---|---|\n| <td> | x |',
  '---',
  '> > > <blockquote onclick=x>',
  '1. x\n2. <li onclick=x>',
  '5. start',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '\u0000<scr\u0000ipt>',
  '[x](https://ok.example\u202e/evil)',
  '[x](https://ok.example)<!--',
  `${'['.repeat(200)}x${']'.repeat(200)}(javascript:alert(1))`,
  `${'>'.repeat(500)} deep`,
  `${'*'.repeat(1000)}x`,
]

describe('renderMarkdown', () => {
  it('renders the inline and block syntax of a comment', () => {
    expect(renderMarkdown('*a* **b** ~~c~~ `d`')).toBe(
      '<p><em>a</em> <strong>b</strong> <del>c</del> <code>d</code></p>\n',
    )
    expect(renderMarkdown('> quote\n\n- one\n- two')).toBe(
      '<blockquote>\n<p>quote</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    )
  })

  it('turns single newlines into line breaks', () => {
    expect(renderMarkdown('a\nb')).toBe('<p>a<br>\nb</p>\n')
  })

  it('adds rel to every link, including autolinks and bare URLs', () => {
    const rel = `rel="${LINK_REL}"`
    expect(renderMarkdown('[x](https://a.example "T")')).toBe(
      `<p><a href="https://a.example" title="T" ${rel}>x</a></p>\n`,
    )
    expect(renderMarkdown('<https://a.example>')).toContain(`<a href="https://a.example" ${rel}>`)
    expect(renderMarkdown('see https://a.example/x.')).toContain(
      `<a href="https://a.example/x" ${rel}>https://a.example/x</a>.`,
    )
    expect(renderMarkdown('ada@example.com')).toContain(`<a href="mailto:ada@example.com" ${rel}>`)
  })

  it('keeps unsafe link targets as plain text', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n')
    expect(renderMarkdown('[x](/relative)')).toBe('<p>[x](/relative)</p>\n')
    expect(renderMarkdown('[x](//evil.example)')).toBe('<p>[x](//evil.example)</p>\n')
    expect(renderMarkdown('[x]()')).toBe('<p>x</p>\n')
  })

  it('escapes raw HTML instead of rendering it', () => {
    expect(renderMarkdown('<b>x</b> <script>y</script>')).toBe(
      '<p>&lt;b&gt;x&lt;/b&gt; &lt;script&gt;y&lt;/script&gt;</p>\n',
    )
  })

  it('renders images as links to the image, never as <img>', () => {
    expect(renderMarkdown('![a cat](https://img.example/cat.png)')).toBe(
      `<p><a href="https://img.example/cat.png" rel="${LINK_REL}">a cat</a></p>\n`,
    )
    expect(renderMarkdown('![](https://img.example/cat.png)')).toContain(
      '>https://img.example/cat.png</a>',
    )
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('<a')
  })

  it('renders code without language classes', () => {
    expect(renderMarkdown('```js\nlet a = "<b>"\n```')).toBe(
      '<pre><code>let a = &quot;&lt;b&gt;&quot;\n</code></pre>\n',
    )
  })

  it('leaves headings, tables and rules as text', () => {
    const html = renderMarkdown('# Title\n\n---\n\n| a |\n|---|\n| b |')
    expect(html).not.toMatch(/<(h1|hr|table)/)
    expect(html).toContain('# Title')
  })

  it(`emits only allowed tags, attributes and link schemes for ${HOSTILE.length} hostile inputs`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60)
    const problems = HOSTILE.flatMap((input) =>
      violations(renderMarkdown(input)).map((problem) => `${JSON.stringify(input)}: ${problem}`),
    )
    expect(problems).toEqual([])
  })

  it('never emits a javascript:, data: or vbscript: href', () => {
    for (const input of HOSTILE) {
      expect(renderMarkdown(input)).not.toMatch(/href="\s*(?:javascript|data|vbscript)/i)
    }
  })

  it('detects what it must reject, so that the checks above are meaningful', () => {
    expect(violations('<img src="x">')).toEqual(['tag img', 'attribute src on img'])
    expect(violations('<a href="javascript:x">')).toEqual(['href javascript:x'])
    expect(violations('<a href="&#x6a;avascript:x">')).toEqual(['href &#x6a;avascript:x'])
    expect(violations('<p onclick="x">')).toEqual(['attribute onclick on p'])
    expect(violations('<p <b>')).toEqual(['unparsable tag <p <b>'])
  })
})
