import { describe, expect, it } from 'vitest'
import { headerText } from './header-text.ts'

describe('headerText', () => {
  it('makes one line of anything, without controls', () => {
    expect(headerText('a\r\nBcc: x\u2028\u2029\u0085y\u0000z\tw')).toBe('a Bcc: x y z w')
    expect(headerText('  spaced   out  ')).toBe('spaced out')
  })

  it('shortens long values by characters, not by UTF-16 units', () => {
    expect(headerText('🙂'.repeat(10), 5)).toBe('🙂🙂🙂🙂…')
    expect(headerText('short', 5)).toBe('short')
  })
})
