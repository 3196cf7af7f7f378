import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { fr } from './fr.ts'

/** Every key path of a catalog, e.g. "errors.rate_limited", with the type of its value. */
function shape(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'object'
      ? shape(value, `${prefix}${key}.`)
      : [`${prefix}${key}:${typeof value}`],
  )
}

describe('the French catalog', () => {
  it('has exactly the keys of the English one', () => {
    expect(shape(fr).sort()).toEqual(shape(en).sort())
  })

  it('translates every string', () => {
    for (const [key, value] of Object.entries(fr)) {
      if (typeof value === 'string' && key !== 'locale') expect(value, key).not.toBe('')
    }
    expect(fr.reply).not.toBe(en.reply)
    expect(fr.inReplyTo('Steph')).toBe('en réponse à Steph')
  })

  it('keeps French spacing before ? and !', () => {
    expect(fr.confirmDelete).toMatch(/\u202f\?$/)
    expect(fr.empty).toMatch(/\u202f!$/)
  })
})
