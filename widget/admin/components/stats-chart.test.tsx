// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { StatsChart } from './stats-chart.tsx'

const days = Array.from({ length: 30 }, (_, i) => ({
  date: new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10),
  comments: i === 13 ? 7 : i % 3,
  spam: i === 29 ? 2 : 0,
}))

afterEach(cleanup)

describe('StatsChart', () => {
  it('draws a bar per day, summed up for screen readers', () => {
    render(<StatsChart days={days} t={en} />)
    const image = screen.getByRole('img')
    expect(image.getAttribute('aria-label')).toBe(
      'Comments per day over the last 30 days: 36 comments and 2 spam in all; the busiest day was Mar 14, with 7.',
    )
    expect(image.querySelectorAll('.bar-comments')).toHaveLength(30)
  })

  it('lists every number in a table hidden only visually', () => {
    render(<StatsChart days={days} t={en} />)
    const table = screen.getByRole('table', { name: 'Comments per day, last 30 days' })
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(31)
    expect(rows[14]?.textContent).toBe('Mar 1470')
    expect(table.className).toBe('sr-only')
  })

  it('says so when the month was quiet', () => {
    const quiet = days.map((day) => ({ ...day, comments: 0, spam: 0 }))
    render(<StatsChart days={quiet} t={en} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Comments per day over the last 30 days: 0 comments and 0 spam in all.',
    )
  })
})
