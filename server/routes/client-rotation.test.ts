import { describe, expect, it } from 'vitest'
import {
  adminTestApp,
  loginAdmin,
  postComment as post,
} from '../../test/support/create-admin-client.ts'
import { expectError } from '../../test/support/create-test-app.ts'
import type { AdminCommentResponse } from '../contract.ts'

const DAY = 86_400_000

type AdminTestApp = Awaited<ReturnType<typeof adminTestApp>>

/** The comment's client hash, logging in afresh: the session ends before a period does. */
async function clientOf(t: AdminTestApp, id: number): Promise<string> {
  const admin = await loginAdmin(t)
  const { comment } = await admin.json<AdminCommentResponse>('GET', `/api/admin/comments/${id}`)
  return comment.client
}

describe('rotating client keys (CAUSERIE_CLIENT_KEY_DAYS)', () => {
  it('keeps a client ban for the next period, and lets it lapse after two', async () => {
    const t = await adminTestApp({ CAUSERIE_CLIENT_KEY_DAYS: '30' })
    const first = await post(t, { uri: '/p', text: 'first' })
    const banned = await clientOf(t, first)
    await t.admin.json('POST', '/api/admin/bans', { client: banned })
    t.tick(30 * DAY)
    const rotated = await t.send('POST', '/api/comments', { uri: '/p', text: 'after one rotation' })
    expect(rotated.status).toBe(202)
    const second = ((await rotated.json()) as { comment: { id: number } }).comment.id
    expect(await clientOf(t, second)).not.toBe(banned)
    t.tick(30 * DAY)
    const lapsed = await t.send('POST', '/api/comments', { uri: '/p', text: 'two rotations later' })
    expect(lapsed.status).toBe(201)
  })

  it('recognises a first-time author and its own duplicate across one boundary', async () => {
    const t = await adminTestApp({ CAUSERIE_MODERATION: 'first-time' })
    const held = await post(t, { uri: '/p', text: 'hello' })
    await t.admin.json('PATCH', `/api/admin/comments/${held}`, { status: 'published' })
    t.tick(30 * DAY)
    expect((await t.send('POST', '/api/comments', { uri: '/p', text: 'again' })).status).toBe(201)
    await expectError(
      await t.send('POST', '/api/comments', { uri: '/p', text: 'hello' }),
      422,
      'duplicate_comment',
      'text',
    )
  })
})
