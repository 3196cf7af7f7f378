// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Comment } from '../../server/contract.ts'
import { createFakeThreadApi, fakeComment } from '../../test/support/create-fake-thread-api.ts'
import { configureApi } from '../api.ts'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { applySettings } from '../stores/settings.ts'
import { $thread, loadThread } from '../stores/thread.ts'
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

describe('App, a thread in pages', () => {
  /** Comments 1–7; comment 1 has replies 11–18. Pages of three, each with two replies. */
  const eight = () =>
    createFakeThreadApi([
      ...[1, 2, 3, 4, 5, 6, 7].map((id) => fakeComment(id)),
      ...[11, 12, 13, 14, 15, 16, 17, 18].map((id) => fakeComment(id, 1)),
    ])
  const shown = () => screen.getAllByRole('article').map((a) => Number(a.id.split('-').at(-1)))

  it('appends the next page with Show more comments and focuses its first comment', async () => {
    eight()
    await loadThread('/post')
    render(<App />)
    expect(screen.getByRole('heading', { name: '15 comments' })).toBeTruthy()
    expect(shown()).toEqual([1, 11, 12, 2, 3])
    fireEvent.click(screen.getByRole('button', { name: 'Show more comments' }))
    await waitFor(() => expect(shown()).toEqual([1, 11, 12, 2, 3, 4, 5, 6]))
    await waitFor(() => expect(document.activeElement?.id).toBe('causerie-comment-4'))
    expect(screen.getByRole('status').textContent?.trim()).toBe('More comments shown.')
    fireEvent.click(screen.getByRole('button', { name: 'Show more comments' }))
    await waitFor(() => expect(shown()).toHaveLength(9))
    expect(screen.queryByRole('button', { name: 'Show more comments' })).toBeNull()
  })

  it('shows the rest of a comment’s replies with Show N more replies', async () => {
    eight()
    await loadThread('/post')
    render(<App />)
    fireEvent.click(screen.getByRole('button', { name: 'Show 6 more replies' }))
    await waitFor(() => expect(shown()).toEqual([1, 11, 12, 13, 14, 15, 16, 17, 18, 2, 3]))
    expect(screen.queryByRole('button', { name: /more repl/ })).toBeNull()
  })

  it('counts the replies left in French', async () => {
    applySettings({ uri: '/post', title: 'A post', lang: 'fr', theme: 'auto' }, fr)
    eight()
    await loadThread('/post')
    render(<App />)
    expect(screen.getByRole('button', { name: 'Afficher 6\u00a0réponses de plus' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Afficher plus de commentaires' })).toBeTruthy()
  })

  it('highlights and focuses a linked comment, loading the comments before it in the gap', async () => {
    eight()
    await loadThread('/post', undefined, 7)
    render(<App />)
    expect(shown()).toEqual([1, 11, 12, 2, 3, 7])
    const linked = document.getElementById('causerie-comment-7')
    expect(linked?.classList.contains('causerie-target')).toBe(true)
    await waitFor(() => expect(document.activeElement).toBe(linked))
    fireEvent.click(screen.getByRole('button', { name: 'Show more comments' }))
    await waitFor(() => expect(shown()).toEqual([1, 11, 12, 2, 3, 4, 5, 6, 7]))
    await waitFor(() => expect(document.activeElement?.id).toBe('causerie-comment-4'))
    // The cursor cannot tell that the gap is closed; the next page meets comment 7 and closes it.
    fireEvent.click(screen.getByRole('button', { name: 'Show more comments' }))
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Show more comments' })).toBeNull(),
    )
    expect(shown()).toEqual([1, 11, 12, 2, 3, 4, 5, 6, 7])
    await waitFor(() => expect(document.activeElement?.id).toBe('causerie-comment-7'))
  })

  it('reorders the thread from the sort choice, offering Best only with votes', async () => {
    eight()
    await loadThread('/post')
    render(<App />)
    const sort = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement
    expect([...sort.options].map((o) => o.text)).toEqual(['Oldest', 'Newest', 'Best'])
    fireEvent.change(sort, { target: { value: 'newest' } })
    await waitFor(() => expect(shown()).toEqual([7, 6, 5]))
    cleanup()
    createFakeThreadApi([fakeComment(1)], { votes: 'off' })
    await loadThread('/post')
    render(<App />)
    const options = (screen.getByRole('combobox') as HTMLSelectElement).options
    expect([...options].map((o) => o.value)).toEqual(['oldest', 'newest'])
  })

  it('copies a comment’s link and says so', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    $thread.set({ status: 'ready', comments: [comment(1, null, 'Ada')], total: 1 })
    render(<App />)
    fireEvent.click(screen.getByRole('button', { name: 'Link' }))
    const status = () => screen.getByRole('status').textContent?.trim()
    await waitFor(() => expect(status()).toBe('Link copied.'))
    expect(writeText.mock.calls[0]?.[0]).toBe(`${location.href.split('#')[0]}#causerie-comment-1`)
    writeText.mockRejectedValue(new DOMException('Denied', 'NotAllowedError'))
    fireEvent.click(screen.getByRole('button', { name: 'Link' }))
    await waitFor(() => expect(status()).toBe('The link is in the address bar.'))
    expect(location.hash).toBe('#causerie-comment-1')
  })
})
