// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AdminSessionResponse, ErrorBody } from '../../../server/contract.ts'
import { configureAdminApi } from '../api.ts'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { $session } from '../stores/session.ts'
import { LoginForm } from './login-form.tsx'

// The server is outside the panel: here it answers from a list (happy-dom hides cookies from
// script, as browsers do, so the real server's session cannot travel through it). The real
// server's answers are exercised in ../stores/session.test.ts and test/admin.test.ts.
let answers: Response[]
let sent: string[]

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
const refusal = (status: number, error: ErrorBody['error'], headers = {}) =>
  json({ error }, status, headers)

beforeEach(() => {
  answers = []
  sent = []
  configureAdminApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input) => {
      const request = input as Request
      sent.push(`${request.method} ${new URL(request.url).pathname}`)
      return answers.shift() ?? new Response(null, { status: 500 })
    },
  })
  $session.set({ status: 'out' })
})

afterEach(() => {
  cleanup()
  $session.set({ status: 'checking' })
})

function submit(password: string) {
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } })
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }))
}

describe('LoginForm', () => {
  it('logs in, then asks the server about the new session', async () => {
    const session: AdminSessionResponse = {
      expiresAt: '2026-03-21T12:00:00.000Z',
      moderation: 'all',
      mail: false,
      webhook: false,
    }
    answers.push(new Response(null, { status: 204 }), json(session))
    render(<LoginForm t={en} hasEnded={false} />)
    const field = screen.getByLabelText('Password')
    expect(field.getAttribute('type')).toBe('password')
    expect(field.getAttribute('autocomplete')).toBe('current-password')
    submit('correct horse')
    await waitFor(() => expect($session.get()).toEqual({ status: 'in', info: session }))
    expect(sent).toEqual(['POST /api/admin/login', 'GET /api/admin/session'])
  })

  it('says the password is wrong, next to the field', async () => {
    answers.push(refusal(401, { code: 'wrong_password', message: 'Wrong password.' }))
    render(<LoginForm t={en} hasEnded={false} />)
    submit('nope')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('Wrong password. Try again.')
    const field = screen.getByLabelText('Password')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(field.getAttribute('aria-describedby')).toBe(alert.id)
    expect($session.get().status).toBe('out')
  })

  it('says how long to wait after too many failures', async () => {
    answers.push(
      refusal(429, { code: 'rate_limited', message: 'Too many' }, { 'retry-after': '42' }),
    )
    render(<LoginForm t={en} hasEnded={false} />)
    submit('again')
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many failed attempts. Try again in 42 seconds.',
    )
  })

  it('asks for the password before calling the server, and says why the form is back', () => {
    render(<LoginForm t={fr} hasEnded />)
    expect(screen.getByRole('status').textContent).toBe(
      'Votre session a pris fin. Reconnectez-vous.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }))
    expect(screen.getByRole('alert').textContent).toBe('Saisissez le mot de passe.')
    expect(sent).toEqual([])
  })
})
