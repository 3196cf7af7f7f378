import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment, CreatedResponse, NewComment } from '../server/contract.ts'
import { apiClient, errorOf, expectStatus, type RawResponse } from './support/api.ts'
import { STACK_TRACE, startServer, type TestServer } from './support/server.ts'

// Every endpoint of docs/api.md, over real HTTP against the built server.

let server: TestServer
/** Every answer of this file, so that the end can assert that none leaked an email or was a 5xx. */
const answers: RawResponse[] = []
const api = apiClient(
  () => server.url,
  (res) => answers.push(res),
)
const SECRET_EMAIL = 'secret.reader+causerie@example.com'

let threadCounter = 0
/** A thread key that no other test uses. */
function freshThread(): string {
  threadCounter += 1
  return `/api-test/${threadCounter}`
}

beforeAll(async () => {
  server = await startServer({ env: { CAUSERIE_DEMO: 'off' } })
})
afterAll(async () => {
  await server?.dispose()
})

function create(uri: string, text: string, extra: Partial<NewComment> = {}) {
  return api.create({ uri, text, ...extra })
}

const thread = (uri: string) => api.thread(uri)

describe('GET /api/comments', () => {
  it('answers an empty list for a thread that has no comments', async () => {
    const uri = freshThread()
    expect(await thread(uri)).toEqual({ uri, total: 0, comments: [] })
  })

  it('answers an empty list for an unknown key, not a 404', async () => {
    const res = await api.getThread('/never/seen/before')
    expectStatus(res, 200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json).toEqual({
      uri: '/never/seen/before',
      total: 0,
      comments: [],
      next: null,
      sort: 'oldest',
      votes: 'on',
    })
  })

  it('answers 422 invalid_input when uri is missing', async () => {
    const res = await api.get('/api/comments')
    expect(res.status).toBe(422)
    expect(errorOf(res)).toMatchObject({ code: 'invalid_input', field: 'uri' })
  })
})

describe('POST /api/comments', () => {
  it('answers 201 with the comment, a token and the end of the edit window', async () => {
    const uri = freshThread()
    const before = Date.now()
    const res = await api.post({
      uri,
      text: 'Bien d’accord, **merci**.',
      name: 'Ana',
      email: SECRET_EMAIL,
      website: 'https://ana.example/blog',
      title: 'Un billet',
    })
    expectStatus(res, 201)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json as CreatedResponse
    expect(body).toEqual({
      comment: {
        id: expect.any(Number),
        parentId: null,
        author: {
          name: 'Ana',
          website: expect.stringMatching(/^https:\/\/ana\.example\/blog\/?$/),
          avatar: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
        html: expect.stringContaining('<strong>merci</strong>'),
        createdAt: expect.any(String),
        editedAt: null,
        status: 'published',
      },
      token: expect.stringMatching(/^\S{20,}$/),
      editableUntil: expect.any(String),
    })
    const created = Date.parse(body.comment.createdAt)
    expect(created).toBeGreaterThanOrEqual(before - 1000)
    expect(body.comment.createdAt).toBe(new Date(created).toISOString())
    // Default window: 15 minutes (DEFAULT_EDIT_MINUTES).
    expect(Date.parse(body.editableUntil) - created).toBe(15 * 60_000)
  })

  it('makes the new comment appear in GET, oldest first', async () => {
    const uri = freshThread()
    const first = await create(uri, 'premier')
    const second = await create(uri, 'deuxième')
    const third = await create(uri, 'troisième')
    const got = await thread(uri)
    expect(got.total).toBe(3)
    expect(got.comments.map((c) => c.id)).toEqual([
      first.comment.id,
      second.comment.id,
      third.comment.id,
    ])
    expect(got.comments[0]).toEqual(first.comment)
    expect(got.comments.map((c) => c.html.trim())).toEqual([
      '<p>premier</p>',
      '<p>deuxième</p>',
      '<p>troisième</p>',
    ])
  })

  it('accepts a comment with only uri and text, with an empty name and no website', async () => {
    const uri = freshThread()
    const { comment } = await create(uri, 'anonyme')
    expect(comment.author).toEqual({ name: '', website: null, avatar: expect.any(String) })
  })

  it('stores a reply with parentId pointing at its parent, flat in GET', async () => {
    const uri = freshThread()
    const parent = await create(uri, 'parent')
    const reply = await create(uri, 'réponse', { parentId: parent.comment.id })
    const replyToReply = await create(uri, 'réponse à la réponse', {
      parentId: reply.comment.id,
    })
    expect(reply.comment.parentId).toBe(parent.comment.id)
    const got = await thread(uri)
    expect(got.comments.map((c) => [c.id, c.parentId])).toEqual([
      [parent.comment.id, null],
      [reply.comment.id, parent.comment.id],
      [replyToReply.comment.id, reply.comment.id],
    ])
  })

  it('renders Markdown, escapes raw HTML and adds rel to links', async () => {
    const uri = freshThread()
    const { comment } = await create(
      uri,
      '*em* `code` [lien](https://example.com/a) <b>gras</b>\n\n> cité',
    )
    expect(comment.html).toContain('<em>em</em>')
    expect(comment.html).toContain('<code>code</code>')
    expect(comment.html).toContain('<blockquote>')
    expect(comment.html).toContain('&lt;b&gt;gras&lt;/b&gt;')
    expect(comment.html).not.toContain('<b>')
    const link = /<a ([^>]*)>lien<\/a>/.exec(comment.html)
    expect(link?.[1]).toContain('href="https://example.com/a"')
    const rel = /rel="([^"]*)"/.exec(link?.[1] ?? '')?.[1]?.split(/\s+/) ?? []
    expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc', 'noopener']))
  })

  it('keeps the author name and website as text', async () => {
    const uri = freshThread()
    const { comment } = await create(uri, 'texte', {
      name: '<b>Zoé</b> & "co"',
      website: 'http://www.vincentabry.com',
    })
    expect(comment.author.name).toBe('<b>Zoé</b> & "co"')
    expect(comment.author.website).toMatch(/^http:\/\/www\.vincentabry\.com\/?$/)
  })
})

describe('PATCH /api/comments/:id', () => {
  it('edits the text with the token while the window is open', async () => {
    const uri = freshThread()
    const { comment, token } = await create(uri, 'avant')
    const res = await api.patch(comment.id, 'après *édition*', token)
    expectStatus(res, 200)
    const edited = (res.json as { comment: Comment }).comment
    expect(edited).toEqual({
      ...comment,
      html: expect.stringContaining('après <em>édition</em>'),
      editedAt: expect.any(String),
    })
    expect(Date.parse(edited.editedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(comment.createdAt))
    expect((await thread(uri)).comments).toEqual([edited])
  })

  it('can edit several times with the same token', async () => {
    const uri = freshThread()
    const { comment, token } = await create(uri, 'un')
    expectStatus(await api.patch(comment.id, 'deux', token), 200)
    expectStatus(await api.patch(comment.id, 'trois', token), 200)
    expect((await thread(uri)).comments[0]?.html).toContain('trois')
  })
})

describe('DELETE /api/comments/:id', () => {
  it('answers 204 with no body and removes a comment without replies', async () => {
    const uri = freshThread()
    const kept = await create(uri, 'reste')
    const gone = await create(uri, 'part')
    const res = await api.remove(gone.comment.id, gone.token)
    expectStatus(res, 204)
    expect(res.text).toBe('')
    const got = await thread(uri)
    expect(got.comments.map((c) => c.id)).toEqual([kept.comment.id])
    expect(got.total).toBe(1)
    expect(JSON.stringify(got)).not.toContain('part')
  })

  it('leaves an empty placeholder when the deleted comment has replies', async () => {
    const uri = freshThread()
    const parent = await create(uri, 'texte secret du parent', {
      name: 'Parent',
      email: SECRET_EMAIL,
    })
    const reply = await create(uri, 'réponse', { parentId: parent.comment.id })
    expectStatus(await api.remove(parent.comment.id, parent.token), 204)
    const got = await thread(uri)
    expect(got.comments.map((c) => [c.id, c.parentId, c.status])).toEqual([
      [parent.comment.id, null, 'deleted'],
      [reply.comment.id, parent.comment.id, 'published'],
    ])
    expect(got.comments[0]?.html).toBe('')
    expect(JSON.stringify(got)).not.toContain('texte secret du parent')
    // total counts published comments only.
    expect(got.total).toBe(1)
  })

  it('cannot edit or delete again once deleted', async () => {
    const uri = freshThread()
    const { comment, token } = await create(uri, 'éphémère')
    expectStatus(await api.remove(comment.id, token), 204)
    const again = await api.remove(comment.id, token)
    expect(again.status).toBe(404)
    expect(errorOf(again).code).toBe('comment_not_found')
    const edit = await api.patch(comment.id, 'ressuscité', token)
    expect(edit.status).toBe(404)
    expect((await thread(uri)).comments).toEqual([])
  })
})

describe('GET /api/counts', () => {
  it('counts published comments for several keys, unknown keys 0', async () => {
    const a = freshThread()
    const b = freshThread()
    const empty = freshThread()
    await create(a, 'a1')
    await create(a, 'a2')
    const b1 = await create(b, 'b1')
    await create(b, 'b2', { parentId: b1.comment.id })
    const deleted = await create(b, 'b3')
    expectStatus(await api.remove(deleted.comment.id, deleted.token), 204)
    const res = await api.getCounts([a, b, empty, '/does/not/exist'])
    expectStatus(res, 200)
    expect(res.json).toEqual({ counts: { [a]: 2, [b]: 2, [empty]: 0, '/does/not/exist': 0 } })
  })
})

describe('POST /api/preview', () => {
  it('renders Markdown exactly as a posted comment would', async () => {
    const uri = freshThread()
    const text = '*Hello* **world** [x](https://example.com) <script>alert(1)</script>'
    const html = await api.preview(text)
    expect(html).toContain('<em>Hello</em>')
    expect(html).toContain('<strong>world</strong>')
    expect(html).not.toContain('<script')
    const { comment } = await create(uri, text)
    expect(comment.html).toBe(html)
    expect((await thread(uri)).total).toBe(1)
  })
})

describe('GET /healthz', () => {
  it('answers 200', async () => {
    const res = await api.get('/healthz')
    expectStatus(res, 200)
  })
})

describe('thread keys', () => {
  it('normalises /post, /post/, /post?utm=1, /post#x, /post/index.html and a full URL to one thread', async () => {
    const base = `/normalise-${Date.now()}/post`
    const variants = [
      base,
      `${base}/`,
      `${base}?utm_source=x`,
      `${base}#c3`,
      `${base}/index.html`,
      `https://blog.example${base}/?utm=1#x`,
      `/./${base.slice(1)}`,
      base.replace('/post', '//post'),
      base.replace('/post', '/x/../post'),
    ]
    const ids: number[] = []
    for (const uri of variants) ids.push((await create(uri, `via ${uri}`)).comment.id)
    for (const uri of variants) {
      const got = await thread(uri)
      expect(got.uri, `uri for ${uri}`).toBe(base)
      expect(
        got.comments.map((c) => c.id),
        `thread for ${uri}`,
      ).toEqual(ids)
    }
    expect(await api.counts([base])).toEqual({ [base]: variants.length })
  })

  it('keeps the root thread as /', async () => {
    const res = await api.getThread('https://blog.example/')
    expectStatus(res, 200)
    expect((res.json as { uri: string }).uri).toBe('/')
  })

  it('keeps keys case-sensitive', async () => {
    const base = `/Case-${Date.now()}`
    await create(base, 'majuscule')
    expect((await thread(base.toLowerCase())).total).toBe(0)
    expect((await thread(base)).total).toBe(1)
  })
})

describe('privacy', () => {
  it('never shows the email in a public answer', async () => {
    const uri = freshThread()
    const posted = await api.post({
      uri,
      text: 'avec courriel',
      name: 'Privée',
      email: SECRET_EMAIL,
    })
    expectStatus(posted, 201)
    const { comment, token } = posted.json as CreatedResponse
    await api.patch(comment.id, 'édité', token)
    await api.getThread(uri)
    await api.getCounts([uri])
    for (const answer of answers) {
      expect(answer.text).not.toContain(SECRET_EMAIL)
      expect(answer.text).not.toContain('secret.reader')
      expect(answer.text).not.toMatch(/"email"/)
      expect(answer.text).not.toContain('127.0.0.1')
    }
  })

  it('answered every request of this file without a 5xx, and logged no crash', () => {
    expect(answers.length).toBeGreaterThan(20)
    expect(answers.filter((a) => a.status >= 500).map((a) => a.text)).toEqual([])
    expect(server.isAlive()).toBe(true)
    expect(server.stderr()).not.toMatch(STACK_TRACE)
  })
})
