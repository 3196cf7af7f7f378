// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { $notice, report, tell } from '../stores/notice.ts'
import { NoticeBar } from './notice-bar.tsx'

afterEach(() => {
  cleanup()
  $notice.set(undefined)
})

describe('NoticeBar', () => {
  it('reads out what an action did, and undoes it on request', async () => {
    const undone: string[] = []
    render(<NoticeBar t={en} />)
    const region = screen.getByRole('status')
    expect(region.textContent).toBe('')
    tell(
      (t) => t.deleted(2),
      async () => {
        undone.push('restored')
      },
    )
    await screen.findByText('2 comments deleted.')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(undone).toEqual(['restored'])
    expect(region.textContent).toBe('')
  })

  it('says what went wrong in the panel’s words', async () => {
    render(<NoticeBar t={en} />)
    report(new TypeError('Failed to fetch'))
    expect((await screen.findByText(/Could not reach/)).textContent).toBe(
      'Could not reach the server. Check your connection and try again.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.getByRole('status').textContent).toBe('')
  })
})
