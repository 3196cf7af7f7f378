// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { $stats } from '../stores/stats.ts'
import { $view } from '../stores/view.ts'
import { NavTabs } from './nav-tabs.tsx'

afterEach(() => {
  cleanup()
  $stats.set({})
  $view.set({ name: 'queue' })
})

describe('NavTabs', () => {
  it('links every view, marks the current one, and counts the queue', () => {
    $stats.set({
      stats: { days: [], counts: { pending: 3, published: 10, spam: 1, deleted: 0 } },
    })
    $view.set({ name: 'thread', uri: '/post' })
    render(<NavTabs t={en} />)
    const links = screen.getAllByRole('link')
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Queue3, 3 pending', '#/queue'],
      ['All comments', '#/all'],
      ['Threads', '#/threads'],
      ['Search', '#/search'],
      ['Blocklist & bans', '#/blocklist'],
    ])
    expect(screen.getByRole('link', { current: 'page' }).textContent).toBe('Threads')
  })
})
