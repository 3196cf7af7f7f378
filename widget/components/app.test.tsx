// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Comment } from '../../server/contract.ts'
import { configureApi } from '../api.ts'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { applySettings } from '../stores/settings.ts'
import { $thread } from '../stores/thread.ts'
import { $tokens } from '../stores/tokens.ts'
import { App } from './app.tsx'

function comment(
  id: number,
  parentId: number | null,
  name: string,
  website: string | null = null,
): Comment {
  return {
    id,
    parentId,
    author: { name, website, avatar: '0123456789abcdef' },
    html: `<p>Comment ${id}</p>`,
    createdAt: '2012-03-14T09:12:00.000Z',
    editedAt: id === 2 ? '2012-03-14T10:00:00.000Z' : null,
    status: 'published',
  }
}

let threadAnswer: () => Response

beforeEach(() => {
  threadAnswer = () => new Response(null, { status: 503 })
  configureApi({ baseUrl: 'http://causerie.test', fetch: async () => threadAnswer() })
  applySettings({ uri: '/post', title: 'A post', lang: 'en', theme: 'auto' }, en)
})

afterEach(() => {
  cleanup()
  $thread.set({ status: 'idle', comments: [], total: 0 })
  $tokens.set({})
})

describe('App', () => {
  it('shows the thread with its count, replies nested under their parent', () => {
    const comments = [
      comment(1, null, 'Vincent', 'http://www.vincentabry.com/'),
      comment(2, 1, 'Steph'),
      comment(3, null, ''),
    ]
    $thread.set({ status: 'ready', comments, total: 3 })
    render(<App />)

    expect(screen.getByRole('region', { name: '3 comments' })).toBeTruthy()
    const top = screen.getAllByRole('list')[0] as HTMLElement
    expect(
      within(top)
        .getAllByRole('article', { hidden: true })
        .map((a) => a.id),
    ).toEqual(['causerie-comment-1', 'causerie-comment-2', 'causerie-comment-3'])
    const vincent = screen.getByRole('link', { name: 'Vincent' })
    expect(vincent.getAttribute('href')).toBe('http://www.vincentabry.com/')
    expect(vincent.getAttribute('rel')).toBe('nofollow ugc noopener')
    expect(vincent.getAttribute('target')).toBeNull()
    expect(screen.getByText('Anonymous')).toBeTruthy()
    expect(screen.getByText('(edited)')).toBeTruthy()
    const reply = document.getElementById('causerie-comment-2')
    expect(reply?.closest('ol')?.className).toBe('causerie-replies')
    expect(reply?.querySelector('time')?.getAttribute('datetime')).toBe('2012-03-14T09:12:00.000Z')
  })

  it('never links a website that is not http(s)', () => {
    $thread.set({
      status: 'ready',
      comments: [comment(1, null, 'Mallory', 'javascript:alert(1)')],
      total: 1,
    })
    render(<App />)
    expect(screen.queryByRole('link', { name: 'Mallory' })).toBeNull()
    expect(screen.getByText('Mallory')).toBeTruthy()
  })

  it('invites the first comment on an empty thread', () => {
    $thread.set({ status: 'ready', comments: [], total: 0 })
    render(<App />)
    expect(screen.getByText('No comments yet. Be the first!')).toBeTruthy()
    expect(screen.getByRole('heading', { name: '0 comments' })).toBeTruthy()
  })

  it('offers Retry when the thread could not be loaded, and retries through the API', async () => {
    $thread.set({ status: 'error', comments: [], total: 0, error: undefined })
    render(<App />)
    expect(screen.getByRole('alert').textContent).toContain('Comments could not be loaded.')
    threadAnswer = () =>
      new Response(
        JSON.stringify({ uri: '/post', total: 1, comments: [comment(1, null, 'Ada')] }),
        {
          headers: { 'content-type': 'application/json' },
        },
      )
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('heading', { name: '1 comment' })).toBeTruthy()
  })

  it('opens a reply form under a comment, and Escape gives the focus back to Reply', async () => {
    $thread.set({ status: 'ready', comments: [comment(1, null, 'Vincent')], total: 1 })
    render(<App />)
    const reply = screen.getByRole('button', { name: 'Reply' })
    fireEvent.click(reply)
    const textarea = await screen.findByLabelText('Reply to Vincent')
    await waitFor(() => expect(document.activeElement).toBe(textarea))
    expect(reply.getAttribute('aria-expanded')).toBe('true')
    fireEvent.keyDown(textarea, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByLabelText('Reply to Vincent')).toBeNull())
    expect(document.activeElement).toBe(reply)
  })

  it('speaks French when asked to', () => {
    applySettings({ uri: '/post', title: 'A post', lang: 'fr', theme: 'dark' }, fr)
    $thread.set({ status: 'ready', comments: [comment(1, null, '')], total: 1 })
    render(<App />)
    const section = screen.getByRole('region', { name: '1 commentaire' })
    expect(section.getAttribute('lang')).toBe('fr')
    expect(section.dataset.theme).toBe('dark')
    expect(screen.getByText('Anonyme')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Répondre' })).toBeTruthy()
  })

  it('marks the site owner’s replies with an Author badge', () => {
    const owner = { ...comment(2, 1, 'Elena'), isOwner: true }
    $thread.set({ status: 'ready', comments: [comment(1, null, 'Vincent'), owner], total: 2 })
    render(<App />)
    const badges = screen.getAllByText('Author')
    expect(badges).toHaveLength(1)
    expect(badges[0]?.closest('article')?.id).toBe('causerie-comment-2')
  })

  it('says a closed thread takes no comments, and offers no form and no Reply', () => {
    $thread.set({
      status: 'ready',
      comments: [comment(1, null, 'Vincent')],
      total: 1,
      closed: true,
    })
    render(<App />)
    expect(screen.getByText('Comments are closed on this page.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Write a comment…' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Reply' })).toBeNull()
  })

  it('shows the reader’s held comment, marked, though the server does not list it', () => {
    const held = { ...comment(9, null, 'Ada'), status: 'pending' as const }
    const until = new Date(Date.now() - 60_000).toISOString()
    $tokens.set({
      9: { token: 't', editableUntil: until, text: 'x', held: { uri: '/post', comment: held } },
      10: {
        token: 'u',
        editableUntil: until,
        text: 'y',
        held: { uri: '/elsewhere', comment: { ...held, id: 10 } },
      },
    })
    $thread.set({ status: 'ready', comments: [comment(1, null, 'Vincent')], total: 1 })
    render(<App />)
    expect(screen.getByRole('heading', { name: '1 comment' })).toBeTruthy()
    const article = document.getElementById('causerie-comment-9')
    expect(article?.textContent).toContain('Awaiting moderation')
    expect(document.getElementById('causerie-comment-10')).toBeNull()
  })
})
