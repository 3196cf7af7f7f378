import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../config.ts'
import type { DomainError } from '../../errors.ts'
import { validateNewComment } from '../../http/validate-comment.ts'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts'
import type { CommentRow, Store } from '../../store/store.ts'
import { createServices } from '../create-services.ts'

const T0 = Date.UTC(2025, 0, 1)
const client = { address: '198.51.100.7' }

function services(store: Store, now: () => number, editMinutes = 15) {
  const config = loadConfig({ CAUSERIE_EDIT_MINUTES: String(editMinutes), CAUSERIE_DEMO: 'off' })
  return createServices({ store, config, now })
}

function setup(editMinutes = 15) {
  let clock = T0
  const store = createSqliteStore(':memory:')
  const service = services(store, () => clock, editMinutes).comments
  const post = (body: Record<string, unknown>) =>
    service.createComment(validateNewComment({ uri: '/p', ...body }), client)
  return { store, service, post, tick: (ms: number) => (clock += ms) }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: DomainError) => error.code,
  )
}

describe('createCommentService', () => {
  it('stores the token only as its SHA-256 and the client only as a keyed hash', async () => {
    const { store, post } = setup()
    const { comment, token } = await post({ text: 'x', email: 'a@example.com' })
    const row = await store.findComment(comment.id)
    expect(row?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(row?.clientHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toContain(client.address)
    expect(row?.email).toBe('a@example.com')
    expect(await store.getMeta('hash_secret')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps the secret, hence hashes and avatars, stable for a store', async () => {
    const { store, post } = setup()
    const first = await post({ text: 'x', name: 'Ann' })
    // The same clock: the client key, hence an anonymous author's avatar, changes each period.
    const again = services(store, () => T0).comments
    const second = await again.createComment(
      validateNewComment({ uri: '/p', text: 'y', name: 'Ann' }),
      client,
    )
    expect(second.comment.author.avatar).toBe(first.comment.author.avatar)
    const other = await again.createComment(
      validateNewComment({ uri: '/p', text: 'z', name: 'Ann' }),
      {
        address: '198.51.100.8',
      },
    )
    expect(other.comment.author.avatar).not.toBe(first.comment.author.avatar)
  })

  it('opens the edit window for exactly editMinutes', async () => {
    const { service, post, tick } = setup(2)
    const { comment, token, editableUntil } = await post({ text: 'x' })
    expect(editableUntil).toBe(new Date(T0 + 2 * 60_000).toISOString())
    tick(2 * 60_000 - 1)
    expect((await service.editComment(comment.id, token, 'y')).editedAt).toBe(
      new Date(T0 + 119_999).toISOString(),
    )
    tick(1)
    expect(await codeOf(service.editComment(comment.id, token, 'z'))).toBe('edit_window_closed')
    expect(await codeOf(service.deleteComment(comment.id, token))).toBe('edit_window_closed')
  })

  it('closes editing entirely when editMinutes is 0', async () => {
    const { service, post } = setup(0)
    const { comment, token } = await post({ text: 'x' })
    expect(await codeOf(service.editComment(comment.id, token, 'y'))).toBe('edit_window_closed')
  })

  it('checks the token before the window, and the comment before the token', async () => {
    const { service, post, tick } = setup()
    const { comment } = await post({ text: 'x' })
    tick(60 * 60_000)
    expect(await codeOf(service.editComment(comment.id, 'wrong', 'y'))).toBe('token_invalid')
    expect(await codeOf(service.editComment(999, 'wrong', 'y'))).toBe('comment_not_found')
  })

  it('re-renders the HTML when editing', async () => {
    const { store, service, post } = setup()
    const { comment, token } = await post({ text: 'x' })
    await service.editComment(comment.id, token, '**bold**')
    expect(await store.findComment(comment.id)).toMatchObject({
      text: '**bold**',
      html: '<p><strong>bold</strong></p>\n',
    })
  })

  it('finds a duplicate in a long thread without reading the thread', async () => {
    const { store, service, post } = setup()
    const { comment } = await post({ text: 'first' })
    const {
      id: _,
      up,
      down,
      bestRank,
      ...first
    } = (await store.findComment(comment.id)) as CommentRow
    for (let n = 0; n < 2_000; n++) {
      const text = `comment number ${n}`
      await store.insertComment({ ...first, text, textHash: duplicateHash(text) })
    }
    // Reading and normalising 2,000 comments on every POST took 400 ms: one indexed query now.
    const wholeThread = vi.spyOn(store, 'listComments')
    const again = validateNewComment({ uri: '/p', text: 'Comment  number 1999' })
    expect(await codeOf(service.createComment(again, client))).toBe('duplicate_comment')
    const fresh = validateNewComment({ uri: '/p', text: 'comment number 2000' })
    expect(await codeOf(service.createComment(fresh, client))).toBe('resolved')
    expect(wholeThread).not.toHaveBeenCalled()
  })

  it('creates the thread on the first comment with the title sent', async () => {
    const { store, post } = setup()
    expect(await store.findThread('/p')).toBeUndefined()
    await post({ text: 'x', title: 'My post' })
    expect(await store.findThread('/p')).toMatchObject({ title: 'My post', createdAt: T0 })
  })

  it('previews without storing', async () => {
    const { store, service } = setup()
    expect(service.preview('*x*')).toBe('<p><em>x</em></p>\n')
    expect(await store.findThread('/p')).toBeUndefined()
  })
})
