// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { sanitize } from './sanitize.ts'

describe('sanitize', () => {
  it('keeps the markup Markdown produces', () => {
    const html =
      '<p>Hi <em>there</em> <strong>you</strong> <del>not</del> <code>x</code></p>' +
      '<blockquote><p>quoted</p></blockquote><pre><code>block</code></pre>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol><p>line<br>break</p>'
    expect(sanitize(html)).toBe(html)
  })

  it('keeps http(s) and mailto links, with rel set', () => {
    expect(sanitize('<a href="https://example.com/a?b=1" title="t">x</a>')).toBe(
      '<a href="https://example.com/a?b=1" title="t" rel="nofollow ugc noopener">x</a>',
    )
    expect(sanitize('<a href="mailto:a@example.com">m</a>')).toContain('href="mailto:a@example.com"')
  })

  it('replaces whatever rel the link had', () => {
    expect(sanitize('<a href="https://e.com" rel="opener">x</a>')).toBe(
      '<a href="https://e.com" rel="nofollow ugc noopener">x</a>',
    )
  })

  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="alert(1)" onmouseover="x()">ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<svg><script>alert(1)</script><circle r="1"/></svg>', ''],
    ['<math><mi>x</mi></math>', 'x'],
    ['<style>p{color:red}</style><p style="color:red">ok</p>', '<p>ok</p>'],
    ['<form action="https://evil.test"><input name="x"><button>go</button></form>', 'go'],
    ['<iframe src="https://evil.test"></iframe>', ''],
    ['<p data-x="1" aria-label="y" class="c" id="i">ok</p>', '<p>ok</p>'],
  ])('strips %s', (dirty, clean) => {
    expect(sanitize(dirty)).toBe(clean)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative/path',
    '//evil.test/x',
    '#fragment',
  ])('drops the href %s', (href) => {
    expect(sanitize(`<a href="${href}">x</a>`)).toBe('<a rel="nofollow ugc noopener">x</a>')
  })
})
