import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts'
import { newCommentRow } from '../comments/new-comment-row.ts'
import { createServices } from '../create-services.ts'

const T0 = Date.UTC(2025, 0, 1)

describe('moderation service', () => {
  it('approves while another request loads the server secret, without waiting on itself', async () => {
    const store = createSqliteStore(':memory:')
    const config = loadConfig({
      CAUSERIE_DEMO: 'off',
      SMTP_URL: 'smtp://mail.example:587',
      CAUSERIE_PUBLIC_URL: 'https://comments.example',
    })
    const { moderation, secret } = createServices({ store, config, now: () => T0 })
    // Written straight to the store, as after a restart: nothing has loaded the secret yet.
    const thread = await store.upsertThread('/p', null, T0)
    const base = { threadId: thread.id, name: 'Ann', website: null, clientHash: 'c'.repeat(64) }
    const key = randomBytes(32)
    const { row: parentRow } = newCommentRow(
      {
        ...base,
        parent: null,
        text: 'tell me',
        email: 'ann@example.com',
        notify: true,
        status: 'published',
        createdAt: T0,
      },
      key,
    )
    const parent = await store.insertComment(parentRow)
    await store.saveSubscriber({
      email: 'ann@example.com',
      status: 'confirmed',
      confirmSentAt: T0,
      updatedAt: T0,
    })
    const { row: replyRow } = newCommentRow(
      { ...base, parent, text: 'a reply', email: null, status: 'pending', createdAt: T0 },
      key,
    )
    const reply = await store.insertComment(replyRow)
    // The approval's transaction opens, then another request starts loading the secret and
    // waits for it; the approval's reply notification needs that same secret.
    const approving = moderation.updateComment(reply.id, { status: 'published' })
    const loading = secret()
    expect((await approving).status).toBe('published')
    expect(await loading).toHaveLength(32)
    expect((await store.listOutbox()).map((item) => item.kind)).toContain('mail')
    await store.close()
  })
})
