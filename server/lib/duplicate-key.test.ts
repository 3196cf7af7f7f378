import { describe, expect, it } from 'vitest'
import { duplicateHash, duplicateKey } from './duplicate-key.ts'

describe('duplicateKey and duplicateHash', () => {
  it('ignore case, spacing and compatibility forms', () => {
    expect(duplicateKey('  Great\u00a0 POST!\n')).toBe('great post!')
    expect(duplicateKey('ｆｕｌｌ width')).toBe('full width')
    expect(duplicateHash('Great post!')).toBe(duplicateHash(' great\tpost! '))
    expect(duplicateHash('Great post!')).toMatch(/^[0-9a-f]{64}$/)
    expect(duplicateHash('Great post!')).not.toBe(duplicateHash('Great post?'))
  })
})
