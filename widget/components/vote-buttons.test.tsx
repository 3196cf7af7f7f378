// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createFakeThreadApi,
  type FakeThreadApi,
  fakeComment,
} from '../../test/support/create-fake-thread-api.ts'
import { en } from '../i18n/en.ts'
import { useStore } from '../lib/use-store.ts'
import { $thread, loadThread } from '../stores/thread.ts'
import { $votes } from '../stores/votes.ts'
import { VoteButtons, type VoteButtonsProps } from './vote-buttons.tsx'

let fake: FakeThreadApi

/** The buttons of comment 1, following the thread as the App would. */
function Voted({ mode }: Pick<VoteButtonsProps, 'mode'>) {
  const comment = useStore($thread).comments[0]
  return comment ? <VoteButtons comment={comment} mode={mode} t={en} /> : null
}

beforeEach(async () => {
  localStorage.clear()
  $votes.set({})
  fake = createFakeThreadApi([{ ...fakeComment(1), score: { up: 4, down: 1 } }])
  await loadThread('/post')
})

afterEach(() => {
  cleanup()
  $thread.set({ status: 'idle', comments: [], total: 0 })
})

describe('VoteButtons', () => {
  it('show up minus down, press the reader’s vote, and take it back on a second press', async () => {
    render(<Voted mode="on" />)
    const up = screen.getByRole('button', { name: 'Vote up' })
    expect(screen.getByText('3')).toBeTruthy()
    fireEvent.click(up)
    await waitFor(() => expect(up.getAttribute('aria-pressed')).toBe('true'))
    expect(screen.getByText('4')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Vote down' }))
    await waitFor(() => expect(screen.getByText('2')).toBeTruthy())
    expect(up.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(screen.getByRole('button', { name: 'Vote down' }))
    await waitFor(() => expect(screen.getByText('3')).toBeTruthy())
    await waitFor(() => expect(fake.votes.map((body) => body.value)).toEqual([1, -1, 0]))
  })

  it('count up votes only, with no down button, when the server takes only those', () => {
    render(<Voted mode="up" />)
    expect(screen.getByText('4')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Vote down' })).toBeNull()
  })

  it('undo a refused vote and say why', async () => {
    fake.failVotes = { status: 403, code: 'votes_disabled' }
    render(<Voted mode="on" />)
    fireEvent.click(screen.getByRole('button', { name: 'Vote up' }))
    expect((await screen.findByRole('alert')).textContent).toBe(en.errors.votes_disabled)
    expect(screen.getByRole('button', { name: 'Vote up' }).getAttribute('aria-pressed')).toBe(
      'false',
    )
    expect(screen.getByText('3')).toBeTruthy()
  })
})
