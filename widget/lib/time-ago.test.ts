import { describe, expect, it } from 'vitest'
import { fullDate, timeAgo } from './time-ago.ts'

const NOW = Date.parse('2026-03-14T12:00:00Z')
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString()

describe('timeAgo', () => {
  it('says "now" for the last minute, in the reader’s language', () => {
    expect(timeAgo(ago(5), NOW, 'en')).toBe('now')
    expect(timeAgo(ago(59), NOW, 'fr')).toBe('maintenant')
  })

  it('picks the largest whole unit', () => {
    expect(timeAgo(ago(60), NOW, 'en')).toBe('1 minute ago')
    expect(timeAgo(ago(3 * 3600 + 59), NOW, 'en')).toBe('3 hours ago')
    expect(timeAgo(ago(24 * 3600), NOW, 'en')).toBe('yesterday')
    expect(timeAgo(ago(3 * 24 * 3600), NOW, 'fr')).toBe('il y a 3 jours')
    expect(timeAgo(ago(14 * 24 * 3600), NOW, 'en')).toBe('2 weeks ago')
    expect(timeAgo(ago(90 * 24 * 3600), NOW, 'en')).toBe('3 months ago')
    expect(timeAgo('2012-03-14T09:12:00Z', NOW, 'fr')).toBe('il y a 14 ans')
  })

  it('never speaks of the future when the reader’s clock runs late', () => {
    expect(timeAgo(ago(-120), NOW, 'en')).toBe('now')
  })
})

describe('fullDate', () => {
  it('writes the date in full', () => {
    expect(fullDate('2012-03-14T09:12:00Z', 'en')).toMatch(/March 14, 2012/)
    expect(fullDate('2012-03-14T09:12:00Z', 'fr')).toMatch(/14 mars 2012/)
  })
})
