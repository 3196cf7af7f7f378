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

describe('the admin panel’s French catalog', () => {
  it('has exactly the keys of the English one', () => {
    expect(shape(fr).sort()).toEqual(shape(en).sort())
  })

  it('translates what the issue names, with French spacing', () => {
    expect([en.approve, fr.approve]).toEqual(['Approve', 'Approuver'])
    expect(fr.tooManyTries(30)).toBe(
      'Trop de tentatives échouées. Réessayez dans 30\u00a0secondes.',
    )
    expect(en.tooManyTries(1)).toBe('Too many failed attempts. Try again in 1 second.')
    expect(fr.banned('ann@example.com')).toMatch(/\u202f:/)
    for (const [key, value] of Object.entries(fr)) {
      if (typeof value === 'string' && !['locale', 'appName', 'client'].includes(key)) {
        expect(value, key).not.toBe(en[key as keyof typeof en])
      }
    }
  })
})
