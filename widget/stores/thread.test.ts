import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Comment } from '../../server/contract.ts'
import { createTestApp, type TestApp } from '../../test/support/create-test-app.ts'
import { configureApi } from '../api.ts'
import { $thread, addComment, loadThread, removeComment, replaceComment } from './thread.ts'

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
