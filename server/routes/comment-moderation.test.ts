import { describe, expect, it } from 'vitest'
import type { CommentResponse, CreatedResponse } from '../contract.ts'
import { createTestApp, expectError, type TestApp } from '../create-test-app.ts'

const FROM_A = { 'x-test-client': '192.0.2.1' }
const FROM_B = { 'x-test-client': '192.0.2.2' }

function setup(env: Record<string, string> = {}): TestApp {
  return createTestApp({ env, clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.9' })
}

async function post(t: TestApp, body: Record<string, unknown>, headers = FROM_A) {
  const response = await t.send('POST', '/api/comments', { uri: '/p', ...body }, headers)
  const created =
    response.status < 300 ? ((await response.clone().json()) as CreatedResponse) : undefined
  return { status: response.status, response, id: created?.comment.id ?? 0, created }
}

/** What the admin panel's Approve does, for a top-level comment. */
async function approve(t: TestApp, id: number): Promise<void> {
  await t.store.transaction(async (tx) => {
    const row = await tx.updateComment(id, { status: 'published', visible: true })
    if (row) await tx.bumpThreadVersion(row.threadId)
  })
}

describe('moderation modes', () => {
  it('open: publishes at once with 201', async () => {
    const t = setup()
    expect((await post(t, { text: 'hello' })).status).toBe(201)
    expect((await t.thread('/p')).total).toBe(1)
  })

  it('all: holds every comment with 202; it is invisible and not counted until approved', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const held = await post(t, { text: 'held', name: 'Ann' })
    expect(held.status).toBe(202)
    expect(held.created?.comment).toMatchObject({ status: 'pending', author: { name: 'Ann' } })
    expect(await t.thread('/p')).toEqual({ uri: '/p', total: 0, comments: [] })
    const counts = await t.app.request('/api/counts?uri=/p')
    expect(await counts.json()).toEqual({ counts: { '/p': 0 } })
    await approve(t, held.id)
    expect((await post(t, { text: 'again' })).status).toBe(202)
  })

  it('first-time: holds an author until one comment of theirs is approved, by email', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const first = await post(t, { text: 'one', email: 'Ann@Example.com' })
    expect(first.status).toBe(202)
    expect((await post(t, { text: 'two', email: 'ann@example.com' })).status).toBe(202)
    await approve(t, first.id)
    // Known by email, whatever the client and the case.
    expect((await post(t, { text: 'three', email: 'ANN@example.com' }, FROM_B)).status).toBe(201)
    expect((await post(t, { text: 'four', email: 'bob@example.com' })).status).toBe(202)
  })

  it('first-time: knows an author without email by client', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const first = await post(t, { text: 'one' })
    expect(first.status).toBe(202)
    await approve(t, first.id)
    expect((await post(t, { text: 'two' })).status).toBe(201)
    expect((await post(t, { text: 'three' }, FROM_B)).status).toBe(202)
  })

  it('first-time: knows an IPv6 author by their /64, whichever address of it they use', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const first = await post(t, { text: 'one' }, { 'x-test-client': '2001:db8:5:6::1' })
    await approve(t, first.id)
    const same = { 'x-test-client': '2001:db8:5:6:a:b:c:d' }
    expect((await post(t, { text: 'two' }, same)).status).toBe(201)
    const next = { 'x-test-client': '2001:db8:5:7::1' }
    expect((await post(t, { text: 'three' }, next)).status).toBe(202)
  })
})

describe('edits in moderated modes', () => {
  async function edit(t: TestApp, created: CreatedResponse | undefined, text: string) {
    const response = await t.send(
      'PATCH',
      `/api/comments/${created?.comment.id}`,
      { text },
      { authorization: `Bearer ${created?.token}` },
    )
    expect(response.status).toBe(200)
    return ((await response.json()) as CommentResponse).comment
  }

  it('all: sends an approved comment back to the queue when its author edits it', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    const held = await post(t, { text: 'harmless' })
    await approve(t, held.id)
    expect((await t.thread('/p')).total).toBe(1)
    const edited = await edit(t, held.created, 'BUY CHEAP PILLS')
    expect(edited).toMatchObject({ status: 'pending', html: '<p>BUY CHEAP PILLS</p>\n' })
    expect(await t.thread('/p')).toEqual({ uri: '/p', total: 0, comments: [] })
    expect((await t.store.findComment(held.id))?.status).toBe('pending')
  })

  it('first-time: holds the edit of an author whose only approved comment it is', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const first = await post(t, { text: 'harmless', email: 'ann@example.com' })
    await approve(t, first.id)
    expect((await edit(t, first.created, 'now spam')).status).toBe('pending')
    expect((await t.thread('/p')).total).toBe(0)
  })

  it('first-time: keeps published the edit of an author known by another approved comment', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const first = await post(t, { text: 'one', email: 'ann@example.com' })
    await approve(t, first.id)
    const second = await post(t, { text: 'two', email: 'ANN@example.com' })
    expect(second.status).toBe(201)
    expect((await edit(t, second.created, 'two, corrected')).status).toBe('published')
    expect((await edit(t, first.created, 'one, corrected')).status).toBe('published')
    expect((await t.thread('/p')).total).toBe(2)
  })

  it('never raises a status: held stays held, spam stays spam, whatever the mode', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'first-time' })
    const held = await post(t, { text: 'waiting' })
    const known = await post(t, { text: 'approved' })
    await approve(t, known.id)
    expect((await edit(t, held.created, 'still waiting')).status).toBe('pending')
    expect((await t.store.findComment(held.id))?.status).toBe('pending')
    const open = setup()
    const trapped = await post(open, { text: 'bot', homepage: 'https://bot.example' })
    expect((await edit(open, trapped.created, 'human now')).status).toBe('pending')
    expect((await open.store.findComment(trapped.id))?.status).toBe('spam')
  })

  it('open: keeps an edited comment published', async () => {
    const t = setup()
    const { created } = await post(t, { text: 'open' })
    expect((await edit(t, created, 'still open')).status).toBe('published')
  })
})

describe('spam defences', () => {
  it('stores a comment that fills the honeypot as spam, answered like a held one', async () => {
    const t = setup()
    const trapped = await post(t, { text: 'buy now', homepage: 'https://bot.example' })
    expect(trapped.status).toBe(202)
    expect(trapped.created?.comment.status).toBe('pending')
    expect(trapped.created?.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await t.store.findComment(trapped.id))?.status).toBe('spam')
    expect(await t.thread('/p')).toEqual({ uri: '/p', total: 0, comments: [] })
    expect((await post(t, { text: 'fine', homepage: '' })).status).toBe(201)
    expect((await post(t, { text: 'fine too', homepage: null })).status).toBe(201)
  })

  it('refuses more links than CAUSERIE_MAX_LINKS with 422 too_many_links, storing nothing', async () => {
    const t = setup({ CAUSERIE_MAX_LINKS: '2' })
    const three = 'see https://a.example, [b](https://b.example) and <https://c.example>'
    await expectError((await post(t, { text: three })).response, 422, 'too_many_links', 'text')
    expect(await t.stored('/p')).toBe(0)
    expect(
      (
        await post(t, {
          text: 'see https://a.example and https://b.example',
          website: 'https://w.example',
        })
      ).status,
    ).toBe(201)
    const none = setup({ CAUSERIE_MAX_LINKS: '0' })
    await expectError(
      (await post(none, { text: 'https://a.example' })).response,
      422,
      'too_many_links',
      'text',
    )
  })

  it('applies the link limit to edits too', async () => {
    const t = setup({ CAUSERIE_MAX_LINKS: '1' })
    const { created } = await post(t, { text: 'clean' })
    const response = await t.send(
      'PATCH',
      `/api/comments/${created?.comment.id}`,
      { text: 'https://a.example https://b.example' },
      { authorization: `Bearer ${created?.token}` },
    )
    await expectError(response, 422, 'too_many_links', 'text')
  })

  it('refuses the same text twice in a thread with 422 duplicate_comment', async () => {
    const t = setup()
    expect((await post(t, { text: 'Great post!' })).status).toBe(201)
    await expectError(
      (await post(t, { text: '  great   POST!\n' }, FROM_B)).response,
      422,
      'duplicate_comment',
      'text',
    )
    expect(await t.stored('/p')).toBe(1)
    expect(
      (await t.send('POST', '/api/comments', { uri: '/other', text: 'Great post!' })).status,
    ).toBe(201)
  })

  it('compares held comments only with their own client’s, so a 422 reveals nothing held', async () => {
    const t = setup({ CAUSERIE_MODERATION: 'all' })
    expect((await post(t, { text: 'Held words' })).status).toBe(202)
    // Another client learns nothing of what waits in the queue.
    expect((await post(t, { text: 'held WORDS' }, FROM_B)).status).toBe(202)
    // Its own author's double submit is still caught.
    const again = await post(t, { text: 'held words' })
    await expectError(again.response, 422, 'duplicate_comment', 'text')
    expect(await t.stored('/p')).toBe(2)
  })

  it('accepts a text again once the comment that had it was deleted', async () => {
    const t = setup()
    const { created } = await post(t, { text: 'again' })
    await t.app.request(`/api/comments/${created?.comment.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created?.token}` },
    })
    expect((await post(t, { text: 'again' })).status).toBe(201)
  })

  it('moves an edit that adds a blocklisted word to spam', async () => {
    const t = setup()
    await t.store.addBlocklistEntry({ kind: 'word', value: 'casino' })
    const { created } = await post(t, { text: 'innocent' })
    const response = await t.send(
      'PATCH',
      `/api/comments/${created?.comment.id}`,
      { text: 'visit my casino' },
      { authorization: `Bearer ${created?.token}` },
    )
    expect(response.status).toBe(200)
    expect(((await response.json()) as CreatedResponse).comment.status).toBe('pending')
    expect((await t.store.findComment(created?.comment.id ?? 0))?.status).toBe('spam')
  })
})

describe('notify', () => {
  it('stores the wish to be told of replies, which needs an email', async () => {
    const t = setup()
    const ok = await post(t, { text: 'tell me', email: 'a@example.com', notify: true })
    expect(ok.status).toBe(201)
    expect((await t.store.findComment(ok.id))?.notify).toBe(true)
    expect((await post(t, { text: 'no thanks', notify: false })).status).toBe(201)
    await expectError(
      (await post(t, { text: 'x', notify: true })).response,
      422,
      'invalid_input',
      'notify',
    )
    await expectError(
      (await post(t, { text: 'y', notify: 'yes' })).response,
      422,
      'invalid_input',
      'notify',
    )
  })
})
