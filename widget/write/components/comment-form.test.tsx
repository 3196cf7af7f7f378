// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ErrorBody } from '../../../server/contract.ts'
import { configureApi } from '../../api.ts'
import { en } from '../../i18n/en.ts'
import { applySettings } from '../../stores/settings.ts'
import { $thread } from '../../stores/thread.ts'
import { $identity } from '../stores/identity.ts'
import { CommentForm } from './comment-form.tsx'

// The server is outside the widget: here it answers from a list, so that each test can choose
// the refusal it needs. The real server's answers are exercised in ../stores/*.test.ts.
let answers: Response[]
let sent: string[]

beforeEach(() => {
  answers = []
  sent = []
  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input) => {
      const request = input as Request
      sent.push(`${request.method} ${new URL(request.url).pathname}`)
      return answers.shift() ?? new Response(null, { status: 500 })
    },
  })
  applySettings({ uri: '/post', title: 'A post', lang: 'en', theme: 'auto' }, en)
  $identity.set({ name: 'Ada', email: '', website: '' })
  $thread.set({ status: 'ready', comments: [], total: 0 })
})

afterEach(cleanup)

function refusal(status: number, error: ErrorBody['error']): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

function write(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label, { exact: false }), { target: { value } })
}

describe('CommentForm', () => {
  it('shows the server’s refusal next to the field, and keeps what was typed', async () => {
    answers.push(refusal(400, { code: 'invalid_input', message: 'website: bad', field: 'website' }))
    render(<CommentForm />)
    write('Comment', 'Hello **there**')
    write('Website', 'ftp://example.com')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))

    const alert = await screen.findByRole('alert')
    const website = screen.getByLabelText('Website')
    expect(alert.textContent).toBe('Please check “Website”.')
    expect(website.getAttribute('aria-invalid')).toBe('true')
    expect(website.getAttribute('aria-describedby')).toBe(alert.id)
    expect(document.activeElement).toBe(website)
    expect((screen.getByLabelText('Comment', { exact: false }) as HTMLTextAreaElement).value).toBe(
      'Hello **there**',
    )
    expect(sent).toEqual(['POST /api/comments'])
  })

  it('translates a refusal without a field', async () => {
    answers.push(refusal(429, { code: 'rate_limited', message: 'Slow down' }))
    render(<CommentForm />)
    write('Comment', 'Again')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many comments in a row. Wait a minute and try again.',
    )
  })

  it('checks for an empty comment before asking the server', async () => {
    render(<CommentForm />)
    write('Comment', '   ')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Write something first.')
    expect(sent).toEqual([])
  })

  it('empties itself once the comment is posted', async () => {
    const comment = {
      id: 7,
      parentId: null,
      author: { name: 'Ada', website: null, avatar: '0123456789abcdef' },
      html: '<p>Posted</p>',
      createdAt: '2026-03-14T12:00:00.000Z',
      editedAt: null,
      status: 'published',
    }
    const created = { comment, token: 'secret', editableUntil: '2999-01-01T00:00:00.000Z' }
    answers.push(
      new Response(JSON.stringify(created), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      }),
    )
    render(<CommentForm />)
    write('Comment', 'Posted')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))
    await waitFor(() => expect($thread.get().comments).toHaveLength(1))
    await waitFor(() =>
      expect(
        (screen.getByLabelText('Comment', { exact: false }) as HTMLTextAreaElement).value,
      ).toBe(''),
    )
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('offers reply notifications only with an email, and sends them when ticked', async () => {
    answers.push(refusal(429, { code: 'rate_limited', message: 'Slow down' }))
    const bodies: unknown[] = []
    configureApi({
      baseUrl: 'http://causerie.test',
      fetch: async (input) => {
        bodies.push(await (input as Request).json())
        return answers.shift() ?? new Response(null, { status: 500 })
      },
    })
    render(<CommentForm />)
    const notify = screen.getByLabelText('Notify me of replies') as HTMLInputElement
    expect(notify.disabled).toBe(true)
    write('Email', 'ada@example.com')
    expect(notify.disabled).toBe(false)
    fireEvent.click(notify)
    write('Comment', 'Tell me')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))
    await screen.findByRole('alert')
    expect(bodies).toEqual([
      expect.objectContaining({ email: 'ada@example.com', notify: true, text: 'Tell me' }),
    ])
    expect(bodies[0]).not.toHaveProperty('homepage')
  })

  it('has a honeypot nobody sees or reaches, and sends what a bot put in it', async () => {
    answers.push(refusal(429, { code: 'rate_limited', message: 'Slow down' }))
    const bodies: unknown[] = []
    configureApi({
      baseUrl: 'http://causerie.test',
      fetch: async (input) => {
        bodies.push(await (input as Request).json())
        return answers.shift() ?? new Response(null, { status: 500 })
      },
    })
    const { container } = render(<CommentForm />)
    const trap = container.querySelector('input[name="homepage"]') as HTMLInputElement
    expect(trap.getAttribute('aria-hidden')).toBe('true')
    expect(trap.getAttribute('tabindex')).toBe('-1')
    expect(trap.getAttribute('autocomplete')).toBe('off')
    expect(trap.className).toBe('causerie-trap')
    trap.value = 'https://spam.example'
    write('Comment', 'Buy now')
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }))
    await screen.findByRole('alert')
    expect(bodies).toEqual([expect.objectContaining({ homepage: 'https://spam.example' })])
  })
})
