// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { configureAdminApi } from '../api.ts'
import { en } from '../i18n/en.ts'
import { $notice } from '../stores/notice.ts'
import { EraseForm } from './erase-form.tsx'

let sent: string[]

beforeEach(() => {
  sent = []
  configureAdminApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input) => {
      const request = input as Request
      sent.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`)
      const erased = { comments: 3, subscriptions: 1, mails: 2, bans: 0 }
      return new Response(JSON.stringify({ erased }), {
        headers: { 'content-type': 'application/json' },
      })
    },
  })
})

afterEach(() => {
  cleanup()
  $notice.set(undefined)
})

describe('EraseForm', () => {
  it('asks for confirmation, erases on the second step, and announces the result', async () => {
    render(<EraseForm t={en} />)
    fireEvent.input(screen.getByLabelText(en.eraseLabel), { target: { value: ' ann@x.example ' } })
    fireEvent.click(screen.getByRole('button', { name: en.erase }))
    expect(sent).toEqual([])
    expect(screen.getByText(en.eraseConfirm('ann@x.example'))).toBeTruthy()
    const confirm = screen.getByRole('button', { name: en.eraseForGood })
    expect(document.activeElement).toBe(confirm)
    fireEvent.click(confirm)
    await waitFor(() => expect($notice.get()).toBeDefined())
    expect(sent).toEqual(['POST /api/admin/erase {"email":"ann@x.example"}'])
    expect($notice.get()?.say(en)).toBe(
      'Erased ann@x.example: 3 comments, 1 subscription, 2 mails.',
    )
    await waitFor(() => expect(screen.getByLabelText(en.eraseLabel)).toBeTruthy())
  })

  it('sends nothing when the owner cancels', () => {
    render(<EraseForm t={en} />)
    fireEvent.input(screen.getByLabelText(en.eraseLabel), { target: { value: 'ann@x.example' } })
    fireEvent.click(screen.getByRole('button', { name: en.erase }))
    fireEvent.click(screen.getByRole('button', { name: en.cancel }))
    expect(sent).toEqual([])
    expect(document.activeElement).toBe(screen.getByLabelText(en.eraseLabel))
  })
})
