import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAdminTestApi, TEST_PASSWORD } from '../../../test/support/create-admin-test-api.ts'
import type { TestApp } from '../../../test/support/create-test-app.ts'
import { en } from '../i18n/en.ts'
import {
  $comments,
  $selection,
  changeStatus,
  editText,
  loadComments,
  loadMore,
  reply,
  toggleAll,
} from './comments.ts'
import { $notice, undoLast } from './notice.ts'
import { $session, logIn } from './session.ts'

let t: TestApp

async function post(uri: string, text: string, extra: Record<string, unknown> = {}) {
  const response = await t.send('POST', '/api/comments', { uri, text, ...extra })
  expect(response.status).toBe(202)
  t.tick(1_000)
  return ((await response.json()) as { comment: { id: number } }).comment.id
}

const shown = () => $comments.get().comments.map((comment) => [comment.id, comment.status])

beforeEach(async () => {
  t = createAdminTestApi({ CAUSERIE_MODERATION: 'all' })
  await logIn(TEST_PASSWORD)
})

afterEach(() => {
  $comments.set({ status: 'idle', query: {}, comments: [], next: null })
  $selection.set([])
  $notice.set(undefined)
  $session.set({ status: 'checking' })
})

describe('the comment lists', () => {
  it('show the queue oldest first, and the rest newest first', async () => {
    const a = await post('/a', 'first')
    const b = await post('/b', 'second')
    await loadComments({ status: 'pending' })
    expect(shown()).toEqual([
      [a, 'pending'],
      [b, 'pending'],
    ])
    await loadComments({})
    expect(shown()).toEqual([
      [b, 'pending'],
      [a, 'pending'],
    ])
    await loadComments({ uri: '/a' })
    expect(shown()).toEqual([[a, 'pending']])
    await loadComments({ q: 'SECOND' })
    expect(shown()).toEqual([[b, 'pending']])
  })

  it('page with the cursor the server gives', async () => {
    for (let i = 0; i < 55; i++) await post('/long', `comment ${i}`)
    await loadComments({ status: 'pending' })
    expect($comments.get().comments).toHaveLength(50)
    expect($comments.get().next).not.toBeNull()
    await loadMore()
    const texts = $comments.get().comments.map((comment) => comment.text)
    expect(texts).toEqual(Array.from({ length: 55 }, (_, i) => `comment ${i}`))
    expect($comments.get().next).toBeNull()
  })

  it('show the next page once the whole page is moderated away', async () => {
    for (let i = 0; i < 53; i++) await post('/long', `comment ${i}`)
    await loadComments({ status: 'pending' })
    toggleAll()
    await changeStatus($selection.get(), 'published')
    await expect
      .poll(() => $comments.get().comments.map((c) => c.text))
      .toEqual(['comment 50', 'comment 51', 'comment 52'])
  })

  it('drop an approved comment from the queue, and Undo puts it back in its place', async () => {
    const a = await post('/a', 'first')
    const b = await post('/a', 'second')
    await loadComments({ status: 'pending' })
    await changeStatus([a], 'published')
    expect(shown()).toEqual([[b, 'pending']])
    expect((await t.thread('/a')).total).toBe(1)
    expect($notice.get()?.say(en)).toBe('Comment approved.')
    await undoLast()
    expect(shown()).toEqual([
      [a, 'pending'],
      [b, 'pending'],
    ])
    expect((await t.thread('/a')).total).toBe(0)
  })

  it('act in bulk on the selection, and Undo gives each its own status back', async () => {
    const a = await post('/a', 'first')
    const b = await post('/a', 'second')
    await loadComments({ status: 'pending' })
    await changeStatus([a], 'spam')
    await loadComments({})
    toggleAll()
    expect($selection.get()).toEqual([b, a])
    await changeStatus($selection.get(), 'deleted')
    expect(shown()).toEqual([
      [b, 'deleted'],
      [a, 'deleted'],
    ])
    expect($selection.get()).toEqual([])
    await undoLast()
    expect(shown()).toEqual([
      [b, 'pending'],
      [a, 'spam'],
    ])
  })

  it('edit a comment’s text in place', async () => {
    const a = await post('/a', 'typo teh')
    await loadComments({})
    expect(await editText(a, 'typo *the*')).toBeUndefined()
    expect($comments.get().comments[0]).toMatchObject({
      text: 'typo *the*',
      html: '<p>typo <em>the</em></p>\n',
    })
  })

  it('reply as the owner, which approves the held comment replied to', async () => {
    const a = await post('/a', 'a question')
    await loadComments({ uri: '/a' })
    expect(await reply(a, 'an answer', 'Elena')).toBeUndefined()
    expect($comments.get().comments.map((c) => [c.text, c.status, c.isOwner])).toEqual([
      ['an answer', 'published', true],
      ['a question', 'published', false],
    ])
    const thread = await t.thread('/a')
    expect(thread.comments.map((c) => [c.author.name, c.isOwner === true])).toEqual([
      ['', false],
      ['Elena', true],
    ])
  })

  it('report a refusal instead of changing anything', async () => {
    const a = await post('/a', 'a question')
    await loadComments({})
    expect(await editText(a, '   ')).toMatchObject({ code: 'invalid_input' })
    await changeStatus([a, 999], 'published')
    expect($notice.get()).toMatchObject({ tone: 'error' })
    expect(shown()).toEqual([[a, 'pending']])
  })
})
