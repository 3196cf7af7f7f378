// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { AdminComment } from '../../../server/contract.ts'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { CommentRow } from './comment-row.tsx'

// The body goes through DOMPurify, which only Chromium runs faithfully (../../lib/sanitize.test.ts
// and test/admin.test.ts): these tests look at everything around it.

const NOW = Date.parse('2026-03-14T12:00:00.000Z')

function comment(overrides: Partial<AdminComment> = {}): AdminComment {
  return {
    id: 7,
    parentId: null,
    author: { name: 'Ann', website: 'https://ann.example/', avatar: '0123456789abcdef' },
    html: '<p>Hello</p>',
    text: 'Hello',
    createdAt: '2026-03-14T11:00:00.000Z',
    editedAt: null,
    status: 'pending',
    email: 'ann@example.com',
    uri: '/post',
    threadTitle: 'A post',
    client: 'ab'.repeat(32),
    isOwner: false,
    notify: false,
    ...overrides,
  }
}

function show(shown: AdminComment, t = en) {
  return render(
    <ol>
      <CommentRow
        comment={shown}
        isSelected={false}
        isEmailBanned={false}
        isClientBanned={false}
        now={NOW}
        t={t}
      />
    </ol>,
  )
}

afterEach(cleanup)

describe('CommentRow', () => {
  it('names the author, and shows email, website, client, thread and status', () => {
    show(comment())
    const row = screen.getByRole('article', { name: 'Ann' })
    expect(row.textContent).toContain('ann@example.com')
    expect(row.textContent).toContain('Pending')
    expect(row.textContent).toContain('/post')
    expect(row.textContent).toContain('abababab')
    const website = screen.getByRole('link', { name: 'https://ann.example/' })
    expect(website.getAttribute('rel')).toBe('noopener noreferrer nofollow')
    expect(screen.getByRole('link', { name: '/post' }).getAttribute('href')).toBe(
      '#/thread?uri=%2Fpost',
    )
    expect(screen.getByRole('checkbox', { name: 'Select the comment by Ann' })).toBeTruthy()
  })

  it('shows what a reader wrote as text, and links only http(s) websites', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    show(comment({ author: { name: hostile, website: 'javascript:alert(1)', avatar: '0' } }))
    expect(screen.getByText(hostile).tagName).toBe('STRONG')
    expect(screen.getByText('javascript:alert(1)').tagName).toBe('SPAN')
    expect(document.querySelector('img')).toBeNull()
    expect(screen.queryByRole('link', { name: 'javascript:alert(1)' })).toBeNull()
  })

  it('offers Approve on a held comment, in French too', () => {
    show(comment())
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy()
    cleanup()
    show(comment(), fr)
    expect(screen.getByRole('button', { name: 'Approuver' })).toBeTruthy()
    cleanup()
    show(comment({ status: 'published' }))
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Spam' })).toBeTruthy()
  })

  it('offers no ban on the owner’s own reply, and marks it with the Author badge', () => {
    show(comment({ isOwner: true, email: null, status: 'published' }))
    expect(screen.getByText('Author')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Ban client' })).toBeNull()
  })

  it('edits in place; Escape closes the form and gives the focus back to Edit', () => {
    show(comment())
    const edit = screen.getByRole('button', { name: 'Edit' })
    fireEvent.click(edit)
    const textarea = screen.getByLabelText('Text (Markdown)') as HTMLTextAreaElement
    expect(textarea.value).toBe('Hello')
    expect(edit.getAttribute('aria-expanded')).toBe('true')
    fireEvent.keyDown(textarea, { key: 'Escape' })
    expect(screen.queryByLabelText('Text (Markdown)')).toBeNull()
    expect(document.activeElement).toBe(edit)
  })

  it('opens a reply form with the owner’s name field', () => {
    show(comment())
    fireEvent.click(screen.getByRole('button', { name: 'Reply' }))
    const form = screen.getByLabelText('Your reply to Ann (Markdown)').closest('form')
    expect(form).toBeTruthy()
    expect(within(form as HTMLElement).getByLabelText('Your name')).toBeTruthy()
    expect(within(form as HTMLElement).getByRole('button', { name: 'Publish reply' })).toBeTruthy()
  })

  it('says when its author deleted it, and offers neither Restore nor Edit', () => {
    show(comment({ status: 'deleted', text: '', html: '' }))
    expect(screen.getByText('Its author deleted this comment.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull()
  })
})
