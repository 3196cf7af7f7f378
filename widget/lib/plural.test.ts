import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { plural } from './plural.ts'

describe('plural', () => {
  it('follows each language’s rules', () => {
    expect(plural('en', 0, en.comments)).toBe('0 comments')
    expect(plural('en', 1, en.comments)).toBe('1 comment')
    expect(plural('en', 3, en.comments)).toBe('3 comments')
    // In French, zero takes the singular.
    expect(plural('fr', 0, fr.comments)).toBe('0 commentaire')
    expect(plural('fr', 1, fr.comments)).toBe('1 commentaire')
    expect(plural('fr', 2, fr.comments)).toBe('2 commentaires')
  })

  it('formats the number for the language', () => {
    expect(plural('en', 1234, en.comments)).toBe('1,234 comments')
    expect(plural('fr', 1234, fr.comments)).toBe('1\u202f234 commentaires')
  })
})
