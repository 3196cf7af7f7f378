import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Comment, LIMITS } from '../../server/contract.ts'
import {
  createFakeThreadApi,
  type FakeThreadApi,
  fakeComment,
} from '../../test/support/create-fake-thread-api.ts'
import { createTestApp, type TestApp } from '../../test/support/create-test-app.ts'
import { configureApi } from '../api.ts'
import { $announcement } from './announcement.ts'
import { $settings } from './settings.ts'
import {
  $thread,
  addComment,
  loadGap,
  loadMore,
  loadReplies,
  loadThread,
  removeComment,
  replaceComment,
  sortThread,
} from './thread.ts'

let server: TestApp

beforeEach(() => {
  server = createTestApp()
  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input, init) => server.app.fetch(new Request(input, init)),
  })
})

afterEach(() => {
  $thread.set({ status: 'idle', comments: [], total: 0 })
  vi.unstubAllGlobals()
})

function comment(
  id: number,
  parentId: number | null = null,
  status: Comment['status'] = 'published',
): Comment {
  return {
    id,
    parentId,
    author: { name: 'Ada', website: null, avatar: '0123456789abcdef' },
    html: '<p>Hi</p>',
    createdAt: '2026-03-14T12:00:00.000Z',
    editedAt: null,
    status,
  }
}

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  )

describe('loadThread', () => {
  it('reads the loader’s request when it has one', async () => {
    await loadThread('/post', json({ uri: '/post', total: 1, comments: [comment(1)] }))
    expect($thread.get()).toEqual({ status: 'ready', comments: [comment(1)], total: 1 })
  })

  it('asks the API otherwise, as Retry does', async () => {
    await server.send('POST', '/api/comments', { uri: '/post', text: 'First!', name: 'Ada' })
    await loadThread('/post')
    const { status, total, comments } = $thread.get()
    expect({ status, total, names: comments.map((c) => c.author.name) }).toEqual({
      status: 'ready',
      total: 1,
      names: ['Ada'],
    })
  })

  it('keeps the server’s error code', async () => {
    await loadThread('/post', json({ error: { code: 'unavailable', message: 'Down' } }, 503))
    expect($thread.get()).toMatchObject({
      status: 'error',
      error: { code: 'unavailable', status: 503 },
    })
  })

  it('calls a failed request a network error', async () => {
    await loadThread('/post', Promise.reject(new TypeError('Failed to fetch')))
    expect($thread.get()).toMatchObject({
      status: 'error',
      comments: [],
      error: { code: 'network' },
    })
  })

  it('reports an answer that is not an ErrorBody by its status', async () => {
    await loadThread(
      '/post',
      Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 })),
    )
    expect($thread.get().error?.code).toBe('unavailable')
  })
})

describe('changes to the thread', () => {
  beforeEach(() => {
    $thread.set({ status: 'ready', comments: [comment(1), comment(2, 1)], total: 2 })
  })

  it('adds a posted comment, counts it if published, and marks it for focus', () => {
    addComment(comment(3))
    addComment(comment(4, null, 'pending'))
    const { comments, total, focusId } = $thread.get()
    expect({ ids: comments.map((c) => c.id), total, focusId }).toEqual({
      ids: [1, 2, 3, 4],
      total: 3,
      focusId: 4,
    })
  })

  it('replaces an edited comment in place', () => {
    replaceComment({ ...comment(1), html: '<p>Edited</p>', editedAt: '2026-03-14T12:05:00.000Z' })
    expect($thread.get().comments.map((c) => c.html)).toEqual(['<p>Edited</p>', '<p>Hi</p>'])
  })

  it('removes a deleted comment without replies', () => {
    removeComment(2)
    expect($thread.get()).toMatchObject({ total: 1, comments: [comment(1)] })
  })

  it('keeps a deleted comment with replies as a placeholder', () => {
    removeComment(1)
    const [first] = $thread.get().comments
    expect({ total: $thread.get().total, status: first?.status, html: first?.html }).toEqual({
      total: 1,
      status: 'deleted',
      html: '',
    })
  })
})

/** Ids of the comments as the thread shows them, in order. */
const shownIds = () => $thread.get().comments.map((c) => c.id)

/**
 * Ten top-level comments 1–10; comment 2 has replies 11–17 (17 answers 12), comment 9 has 18–20.
 * Pages of three top-level comments, each with its first two replies.
 */
function tenComments(): FakeThreadApi {
  const roots = Array.from({ length: 10 }, (_, i) => fakeComment(i + 1))
  const replies = [11, 12, 13, 14, 15, 16].map((id) => fakeComment(id, 2))
  return createFakeThreadApi([
    ...roots,
    ...replies,
    fakeComment(17, 12),
    ...[18, 19, 20].map((id) => fakeComment(id, 9)),
  ])
}

describe('pages of a thread', () => {
  let fake: FakeThreadApi

  beforeEach(() => {
    fake = tenComments()
    $settings.set({ ...$settings.get(), uri: '/post' })
  })

  it('shows the first page, then appends the next ones until the end', async () => {
    await loadThread('/post')
    expect(shownIds()).toEqual([1, 2, 11, 12, 3])
    expect($thread.get()).toMatchObject({ total: 20, next: '3', sort: 'oldest', votes: 'on' })
    expect(await loadMore()).toBeUndefined()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 4, 5, 6])
    await loadMore()
    await loadMore()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 4, 5, 6, 7, 8, 9, 18, 19, 10])
    expect($thread.get().next).toBeNull()
  })

  it('shows nothing twice when comments arrive between pages, and focuses the first new one', async () => {
    await loadThread('/post')
    // Two new comments at the start of the order shift the next page by two.
    fake.comments.unshift(fakeComment(30), fakeComment(31))
    await loadMore()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 4])
    expect($thread.get()).toMatchObject({ focusId: 4, total: 22 })
    expect($announcement.get()?.key).toBe('shown')
  })

  it('loads more replies of one comment, skipping those shown, until all are', async () => {
    await loadThread('/post')
    expect(await loadReplies(2)).toBeUndefined()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 13, 14, 15, 16, 17])
    expect($thread.get()).toMatchObject({ focusId: 13, replies: { 2: null } })
    expect(fake.requests.at(-1)).toBe('/api/comments?uri=%2Fpost&parent=2')
  })

  it('keeps the cursor of a comment’s replies between loads', async () => {
    const many = Array.from({ length: 14 }, (_, i) => fakeComment(100 + i, 1))
    fake = createFakeThreadApi([fakeComment(1), ...many])
    await loadThread('/post')
    await loadReplies(1)
    expect($thread.get().replies).toEqual({ 1: '9' })
    await loadReplies(1)
    expect(fake.requests.at(-1)).toBe('/api/comments?uri=%2Fpost&parent=1&after=9')
    expect(shownIds()).toEqual([1, ...many.map((c) => c.id)])
    expect($thread.get().replies).toEqual({ 1: null })
  })

  it('reloads the first page in another order and remembers it for the next visit', async () => {
    const items = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
    })
    await loadThread('/post')
    await sortThread('newest')
    expect(shownIds()).toEqual([10, 9, 18, 19, 8])
    expect($thread.get().sort).toBe('newest')
    await loadMore()
    expect(fake.requests.at(-1)).toBe('/api/comments?uri=%2Fpost&sort=newest&after=3')
    $thread.set({ status: 'idle', comments: [], total: 0 })
    await loadThread('/post')
    expect(fake.requests.at(-1)).toBe('/api/comments?uri=%2Fpost&sort=newest')
    expect(shownIds()).toEqual([10, 9, 18, 19, 8])
  })

  it('puts a posted comment first when the newest come first', async () => {
    await sortThread('newest')
    addComment(fakeComment(40))
    expect(shownIds().slice(0, 2)).toEqual([40, 10])
  })

  it('counts a posted reply in its top-level comment’s replies, and a deleted one out', async () => {
    await loadThread('/post')
    addComment(fakeComment(40, 11))
    addComment(fakeComment(41, 40))
    const replies = () => $thread.get().comments.find((c) => c.id === 2)?.replies
    expect(replies()).toBe(9)
    removeComment(41)
    expect(replies()).toBe(8)
  })
})

describe('a link to a comment', () => {
  beforeEach(() => {
    tenComments()
  })

  it('shows the linked comment’s page after the first, with a gap that loads until it meets it', async () => {
    await loadThread('/post', undefined, 8)
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 8, 9, 18, 19, 10])
    expect($thread.get()).toMatchObject({
      targetId: 8,
      focusId: 8,
      gap: { after: '3', before: 8 },
      next: null,
    })
    await loadGap()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 4, 5, 6, 8, 9, 18, 19, 10])
    expect($thread.get().gap).toEqual({ after: '6', before: 8 })
    await loadGap()
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 4, 5, 6, 7, 8, 9, 18, 19, 10])
    expect($thread.get()).toMatchObject({ gap: undefined, focusId: 7 })
  })

  it('shows a reply beyond the first ones with all replies before it', async () => {
    await loadThread('/post', undefined, 20)
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 9, 18, 19, 20, 10])
    expect($thread.get()).toMatchObject({ targetId: 20, gap: { before: 9 } })
  })

  it('adds the missing replies of a comment already shown, without a gap', async () => {
    await loadThread('/post', undefined, 17)
    expect(shownIds()).toEqual([1, 2, 11, 12, 3, 13, 14, 15, 16, 17, 4])
    expect($thread.get()).toMatchObject({ targetId: 17, gap: undefined, next: '4' })
  })

  it('focuses the comment at once when it is on the first page', async () => {
    await loadThread('/post', undefined, 12)
    expect($thread.get()).toMatchObject({ targetId: 12, focusId: 12 })
    expect(shownIds()).toEqual([1, 2, 11, 12, 3])
  })

  it('leaves the first page alone when the comment is gone', async () => {
    await loadThread('/post', undefined, 99)
    expect(shownIds()).toEqual([1, 2, 11, 12, 3])
    expect($thread.get()).toMatchObject({ status: 'ready', targetId: 99 })
    expect($thread.get().error).toBeUndefined()
  })
})

describe('pages from the server', () => {
  /** Ids of 25 top-level comments, oldest first; the first has 8 replies. */
  let roots: number[]
  let replies: number[]

  beforeEach(async () => {
    $settings.set({ ...$settings.get(), uri: '/post' })
    roots = []
    replies = []
    for (let i = 0; i < 25; i++) {
      roots.push((await server.create({ uri: '/post', text: `Root ${i}` })).comment.id)
      server.tick(1000)
    }
    for (let i = 0; i < 8; i++) {
      const parentId = i === 7 ? replies[0] : roots[0]
      replies.push((await server.create({ uri: '/post', text: `Reply ${i}`, parentId })).comment.id)
      server.tick(1000)
    }
  })

  const shownRoots = () =>
    $thread
      .get()
      .comments.filter((c) => c.parentId === null)
      .map((c) => c.id)

  it('shows a first page, more pages, and the rest of a comment’s replies', async () => {
    await loadThread('/post')
    expect(shownRoots()).toEqual(roots.slice(0, LIMITS.pageDefault))
    expect(shownIds().slice(0, 1 + LIMITS.repliesPreview)).toEqual([
      roots[0],
      ...replies.slice(0, 5),
    ])
    expect($thread.get()).toMatchObject({ total: 33, votes: 'on', sort: 'oldest' })
    expect($thread.get().comments[0]?.replies).toBe(8)
    await loadMore()
    expect(shownRoots()).toEqual(roots)
    expect($thread.get().next).toBeNull()
    await loadReplies(roots[0] ?? 0)
    expect(
      shownIds()
        .filter((id) => replies.includes(id))
        .sort(),
    ).toEqual([...replies].sort())
    expect($thread.get().replies).toEqual({ [roots[0] ?? 0]: null })
    expect(new Set(shownIds()).size).toBe(33)
  })

  it('follows a link past the first page, then fills the gap', async () => {
    const target = roots[23] ?? 0
    await loadThread('/post', undefined, target)
    expect($thread.get()).toMatchObject({
      targetId: target,
      focusId: target,
      gap: { before: target },
    })
    expect(shownRoots()).toEqual([...roots.slice(0, LIMITS.pageDefault), roots[23], roots[24]])
    await loadGap()
    expect(shownRoots()).toEqual(roots)
    expect($thread.get().gap).toBeUndefined()
  })

  it('reloads in another order', async () => {
    await loadThread('/post')
    await sortThread('newest')
    expect(shownRoots()).toEqual([...roots].reverse().slice(0, LIMITS.pageDefault))
  })
})
