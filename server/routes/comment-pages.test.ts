import { describe, expect, it } from 'vitest'
import {
  bearer,
  createTestApp,
  expectError,
  type TestApp,
} from '../../test/support/create-test-app.ts'
import { type Comment, LIMITS, type ThreadResponse } from '../contract.ts'

/** Posts `count` top-level comments one second apart; answers their ids, oldest first. */
let posted = 0

async function roots(t: TestApp, count: number, uri = '/p'): Promise<number[]> {
  const ids: number[] = []
  for (let n = 0; n < count; n++) {
    t.tick(1000)
    posted += 1
    ids.push((await t.create({ uri, text: `root ${posted}` })).comment.id)
  }
  return ids
}

async function replies(t: TestApp, parentId: number, count: number): Promise<number[]> {
  const ids: number[] = []
  for (let n = 0; n < count; n++) {
    t.tick(1000)
    ids.push((await t.create({ uri: '/p', text: `reply ${parentId}.${n}`, parentId })).comment.id)
  }
  return ids
}

const ids = (page: ThreadResponse) => page.comments.map((comment) => comment.id)

/** Follows `next` from the first page to the last; answers every page. */
async function allPages(t: TestApp, query: Record<string, string | number>) {
  const pages: ThreadResponse[] = [await t.page(query)]
  for (let next = pages[0]?.next; next; next = pages.at(-1)?.next) {
    pages.push(await t.page({ ...query, after: next }))
  }
  return pages
}

describe('GET /api/comments pages', () => {
  it('answers pages of top-level comments with their first replies, and a cursor to the rest', async () => {
    const t = createTestApp()
    const [first, ...rest] = await roots(t, 4)
    const below = await replies(t, first ?? 0, LIMITS.repliesPreview + 2)
    const page = await t.page({ uri: '/p', limit: 2 })
    expect(page.total).toBe(4 + below.length)
    expect(ids(page)).toEqual([first, ...below.slice(0, LIMITS.repliesPreview), rest[0]])
    expect(page.comments[0]).toMatchObject({ replies: below.length, score: { up: 0, down: 0 } })
    expect(page.comments[1]?.replies).toBeUndefined()
    expect(page.next).toEqual(expect.any(String))
    const second = await t.page({ uri: '/p', limit: 2, after: page.next ?? '' })
    expect(ids(second)).toEqual(rest.slice(1))
    expect(second.next).toBeNull()
  })

  it('answers the rest of a conversation with parent, oldest first, replies of replies included', async () => {
    const t = createTestApp()
    const [root = 0] = await roots(t, 1)
    const direct = await replies(t, root, 6)
    const deeper = await replies(t, direct[0] ?? 0, 2)
    const all = [...direct, ...deeper]
    const first = await t.page({ uri: '/p', parent: root, limit: 5 })
    expect(ids(first)).toEqual(all.slice(0, 5))
    const second = await t.page({ uri: '/p', parent: root, limit: 5, after: first.next ?? '' })
    expect(ids(second)).toEqual(all.slice(5))
    expect(second.next).toBeNull()
  })

  it('sorts top-level comments oldest, newest and best first, replies always oldest first', async () => {
    const t = createTestApp()
    const [a = 0, b = 0, c = 0] = await roots(t, 3)
    const below = await replies(t, c, 2)
    const vote = (id: number, voter: string, value: number) =>
      t.send('POST', `/api/comments/${id}/vote`, { value, voter: voter.padEnd(16, 'x') })
    // b: 2 up; c: 1 up; a: 1 up, 1 down.
    for (const [id, voter, value] of [
      [b, 'v1', 1],
      [b, 'v2', 1],
      [c, 'v1', 1],
      [a, 'v1', 1],
      [a, 'v2', -1],
    ] as const) {
      expect((await vote(id, voter, value)).status).toBe(200)
    }
    expect(ids(await t.page({ uri: '/p' }))).toEqual([a, b, c, ...below])
    expect(ids(await t.page({ uri: '/p', sort: 'newest' }))).toEqual([c, ...below, b, a])
    const best = await t.page({ uri: '/p', sort: 'best' })
    expect(ids(best)).toEqual([b, c, ...below, a])
    expect(best.sort).toBe('best')
  })

  it('loses and repeats nothing when comments arrive between two pages, in every sort', async () => {
    for (const sort of ['oldest', 'newest', 'best'] as const) {
      const t = createTestApp()
      const before = await roots(t, 5)
      const first = await t.page({ uri: '/p', sort, limit: 2 })
      const arrived = await roots(t, 3)
      // "Show more" from the first page's cursor on, after the new comments arrived.
      const shown = [...ids(first)]
      for (let next = first.next; next; ) {
        const page = await t.page({ uri: '/p', sort, limit: 2, after: next })
        shown.push(...ids(page))
        next = page.next
      }
      expect(new Set(shown).size, sort).toBe(shown.length)
      expect(shown, sort).toEqual(expect.arrayContaining(before))
      // Newest first puts new comments before the first page; the other orders, at the end.
      expect(
        shown.filter((id) => arrived.includes(id)),
        sort,
      ).toEqual(sort === 'newest' ? [] : arrived)
    }
  })

  it('answers the page that starts with the conversation holding a comment (around)', async () => {
    const t = createTestApp()
    const tops = await roots(t, 7)
    const target = tops[5] ?? 0
    const below = await replies(t, target, LIMITS.repliesPreview + 3)
    const reply = below.at(-1) ?? 0
    const page = await t.page({ uri: '/p', around: reply, limit: 2 })
    // The conversation up to the reply asked for, then the next top-level comment.
    expect(ids(page)).toEqual([target, ...below, tops[6]])
    expect(page.next).toBeNull()
    const top = await t.page({ uri: '/p', around: tops[2] ?? 0, limit: 2, sort: 'newest' })
    expect(ids(top)).toEqual([tops[2], tops[1]])
  })

  it('keeps a page bounded in characters however long its comments are', async () => {
    const t = createTestApp()
    // Quotes are escaped twice (&quot; in HTML, then \\" in JSON): the costliest text to send.
    const text = '"'.repeat(LIMITS.textMax - 3)
    for (let n = 0; n < 12; n++) {
      t.tick(1000)
      await t.create({ uri: '/p', text: `${String(n).padStart(2, '0')} ${text}` })
    }
    const response = await t.app.request('/api/comments?uri=/p&limit=100')
    const body = await response.text()
    // One comment may pass the bound, never a whole page of them.
    expect(body.length).toBeLessThan(LIMITS.pageChars + 70_000)
    const page = JSON.parse(body) as ThreadResponse
    expect(page.comments.length).toBeLessThan(12)
    const pages = await allPages(t, { uri: '/p', limit: 100 })
    expect(pages.flatMap(ids)).toHaveLength(12)
  })

  it('shows a deleted comment as a placeholder while a reply hangs below it', async () => {
    const t = createTestApp()
    const root = await t.create({ uri: '/p', text: 'root' })
    const reply = await t.create({ uri: '/p', text: 'reply', parentId: root.comment.id })
    await t.send('DELETE', `/api/comments/${root.comment.id}`, undefined, bearer(root.token))
    const page = await t.page({ uri: '/p' })
    expect(page.comments.map(({ id, status }) => ({ id, status }))).toEqual([
      { id: root.comment.id, status: 'deleted' },
      { id: reply.comment.id, status: 'published' },
    ])
    expect(page.total).toBe(1)
    await t.send('DELETE', `/api/comments/${reply.comment.id}`, undefined, bearer(reply.token))
    expect((await t.page({ uri: '/p' })).comments).toEqual([])
  })

  it.each([
    ['sort=worst', 'sort'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['after=o_1_', 'after'],
    ['after=', 'after'],
    [`after=${'o_1_2'.padEnd(LIMITS.cursorMax + 1, '0')}`, 'after'],
    ['sort=newest&after=o_1_2', 'after'],
    ['sort=best&after=b_7_1_2', 'after'],
    ['parent=0', 'parent'],
    ['parent=-1', 'parent'],
    ['around=x', 'around'],
    ['around=1&after=o_1_2', 'around'],
    ['parent=1&after=o_1_2', 'after'],
  ])('refuses %s with 422 on %s', async (query, field) => {
    const t = createTestApp()
    await roots(t, 1)
    await expectError(
      await t.app.request(`/api/comments?uri=/p&${query}`),
      422,
      'invalid_input',
      field,
    )
  })

  it('answers 404 for around or parent naming no visible comment of the thread', async () => {
    const t = createTestApp()
    const [root = 0] = await roots(t, 1)
    const [reply = 0] = await replies(t, root, 1)
    const [elsewhere = 0] = await roots(t, 1, '/q')
    for (const query of [
      `around=${elsewhere}`,
      'around=999',
      `parent=${reply}`,
      `parent=${elsewhere}`,
    ]) {
      await expectError(
        await t.app.request(`/api/comments?uri=/p&${query}`),
        404,
        'comment_not_found',
      )
    }
    await expectError(
      await t.app.request('/api/comments?uri=/nope&around=1'),
      404,
      'comment_not_found',
    )
  })
})

describe('what pages and votes show of comments out of sight', () => {
  /** What the panel's Spam does to a top-level comment. */
  async function markSpam(t: TestApp, id: number): Promise<void> {
    await t.store.transaction(async (tx) => {
      const row = await tx.updateComment(id, { status: 'spam', visible: false })
      if (row) await tx.bumpThreadVersion(row.threadId)
    })
  }

  it('answers a bad cursor alike for a thread with only held comments and for an unknown one', async () => {
    const t = createTestApp({ env: { CAUSERIE_MODERATION: 'all' } })
    expect((await t.send('POST', '/api/comments', { uri: '/held', text: 'x' })).status).toBe(202)
    for (const uri of ['/held', '/never']) {
      await expectError(
        await t.app.request(`/api/comments?uri=${uri}&after=junk`),
        422,
        'invalid_input',
        'after',
      )
    }
  })

  it('shows the conversation again, not a cached page, when an author deletes a comment hidden as spam', async () => {
    const t = createTestApp()
    const root = await t.create({ uri: '/p', text: 'root' })
    const reply = await t.create({ uri: '/p', text: 'reply', parentId: root.comment.id })
    await markSpam(t, root.comment.id)
    expect((await t.page({ uri: '/p' })).comments).toEqual([])
    const deleted = await t.send(
      'DELETE',
      `/api/comments/${root.comment.id}`,
      undefined,
      bearer(root.token),
    )
    expect(deleted.status).toBe(204)
    expect(ids(await t.page({ uri: '/p' }))).toEqual([root.comment.id, reply.comment.id])
  })

  it('takes no vote on a reply below a hidden comment, and names only the comment asked for', async () => {
    const t = createTestApp()
    const root = await t.create({ uri: '/p', text: 'root' })
    const reply = await t.create({ uri: '/p', text: 'reply', parentId: root.comment.id })
    await markSpam(t, root.comment.id)
    const voted = await t.send('POST', `/api/comments/${reply.comment.id}/vote`, {
      value: 1,
      voter: 'reader-one-0123456789',
    })
    await expectError(voted, 404, 'comment_not_found')
    const around = await t.app.request(`/api/comments?uri=/p&around=${reply.comment.id}`)
    const body = await around.clone().text()
    await expectError(around, 404, 'comment_not_found')
    const { error } = JSON.parse(body) as { error: { message: string } }
    expect(error.message).toBe(`Comment ${reply.comment.id} is not in this thread.`)
  })

  it('shows no score on a deleted placeholder', async () => {
    const t = createTestApp()
    const root = await t.create({ uri: '/p', text: 'root' })
    await t.create({ uri: '/p', text: 'reply', parentId: root.comment.id })
    await t.send('POST', `/api/comments/${root.comment.id}/vote`, {
      value: -1,
      voter: 'reader-one-0123456789',
    })
    await t.send('DELETE', `/api/comments/${root.comment.id}`, undefined, bearer(root.token))
    const [placeholder] = (await t.page({ uri: '/p' })).comments
    expect(placeholder).toMatchObject({ id: root.comment.id, status: 'deleted', html: '' })
    expect(placeholder?.score).toBeUndefined()
  })
})

describe('POST /api/comments/:id/vote', () => {
  const voter = 'reader-one-0123456789'
  const vote = (t: TestApp, id: number, value: unknown, who = voter, headers = {}) =>
    t.send('POST', `/api/comments/${id}/vote`, { value, voter: who }, headers)
  const scoreOf = async (t: TestApp, id: number) =>
    (await t.page({ uri: '/p' })).comments.find((comment: Comment) => comment.id === id)?.score

  it('counts one vote per reader, changeable and removable', async () => {
    const t = createTestApp()
    const [id = 0] = await roots(t, 1)
    expect(await (await vote(t, id, 1)).json()).toEqual({ value: 1, score: { up: 1, down: 0 } })
    expect(await (await vote(t, id, 1)).json()).toEqual({ value: 1, score: { up: 1, down: 0 } })
    expect(await (await vote(t, id, -1)).json()).toEqual({ value: -1, score: { up: 0, down: 1 } })
    expect(await scoreOf(t, id)).toEqual({ up: 0, down: 1 })
    expect(await (await vote(t, id, 0)).json()).toEqual({ value: 0, score: { up: 0, down: 0 } })
    expect(await scoreOf(t, id)).toEqual({ up: 0, down: 0 })
  })

  it('counts a reader who clears its storage as the same reader, and other clients apart', async () => {
    const t = createTestApp({ clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.1' })
    const [id = 0] = await roots(t, 1)
    await vote(t, id, 1, 'first-voter-id-000000')
    // A new voter id from the same client changes that vote rather than adding one.
    const again = await vote(t, id, -1, 'second-voter-id-00000')
    expect(await again.json()).toEqual({ value: -1, score: { up: 0, down: 1 } })
    const other = await vote(t, id, 1, 'third-voter-id-000000', { 'x-test-client': '192.0.2.2' })
    expect(await other.json()).toEqual({ value: 1, score: { up: 1, down: 1 } })
  })

  it('answers 403 when votes are off, and for down votes when only up votes are on', async () => {
    const off = createTestApp({ env: { CAUSERIE_VOTES: 'off' } })
    const [a = 0] = await roots(off, 1)
    await expectError(await vote(off, a, 1), 403, 'votes_disabled')
    const page = await off.page({ uri: '/p' })
    expect(page.votes).toBe('off')
    expect(page.comments[0]?.score).toBeUndefined()
    const up = createTestApp({ env: { CAUSERIE_VOTES: 'up' } })
    const [b = 0] = await roots(up, 1)
    await expectError(await vote(up, b, -1), 403, 'votes_disabled')
    expect((await vote(up, b, 1)).status).toBe(200)
    expect((await up.page({ uri: '/p' })).votes).toBe('up')
  })

  it.each([
    ['a value of 2', { value: 2, voter }, 'value'],
    ['a value as text', { value: '1', voter }, 'value'],
    ['no voter', { value: 1 }, 'voter'],
    ['a short voter', { value: 1, voter: 'short' }, 'voter'],
    ['a voter with spaces', { value: 1, voter: 'has spaces in it 0000' }, 'voter'],
    ['a voter of 65 characters', { value: 1, voter: 'v'.repeat(65) }, 'voter'],
  ])('refuses %s with 422', async (_, body, field) => {
    const t = createTestApp()
    const [id = 0] = await roots(t, 1)
    await expectError(
      await t.send('POST', `/api/comments/${id}/vote`, body),
      422,
      'invalid_input',
      field,
    )
  })

  it('answers 404 for a comment readers cannot see, and for a bad id', async () => {
    const t = createTestApp({ env: { CAUSERIE_MODERATION: 'all' } })
    const held = await t.send('POST', '/api/comments', { uri: '/p', text: 'held' })
    const { comment } = (await held.json()) as { comment: Comment }
    await expectError(await vote(t, comment.id, 1), 404, 'comment_not_found')
    await expectError(await vote(t, 999, 1), 404, 'comment_not_found')
    await expectError(await vote(t, 0, 1), 404, 'comment_not_found')
    const get = await t.app.request(`/api/comments/${comment.id}/vote`)
    expect(get.status).toBe(405)
  })

  it('limits votes per client per minute, with Retry-After', async () => {
    const t = createTestApp({ env: { CAUSERIE_RATE_LIMIT: '5' } })
    const { comment } = await t.create({ uri: '/p', text: 'x' })
    const answers: number[] = []
    for (let n = 0; n < 125; n++) answers.push((await vote(t, comment.id, n % 2 ? 1 : -1)).status)
    expect(answers.filter((status) => status === 200)).toHaveLength(120)
    const refused = await vote(t, comment.id, 1)
    await expectError(refused.clone(), 429, 'rate_limited')
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('changes the cached page of the comment voted on', async () => {
    const t = createTestApp()
    const [id = 0] = await roots(t, 1)
    expect(await scoreOf(t, id)).toEqual({ up: 0, down: 0 })
    await vote(t, id, 1)
    expect(await scoreOf(t, id)).toEqual({ up: 1, down: 0 })
  })
})
