import type {
  Comment,
  ThreadResponse,
  ThreadSort,
  VoteMode,
  VoteRequest,
  VoteResponse,
  VoteValue,
} from '../../server/contract.ts'
import { configureApi } from '../../widget/api.ts'

export interface FakeThreadOptions {
  /** Top-level comments in a page; small, so that tests need few comments. */
  pageSize?: number
  /** Replies shown with each top-level comment of a page (LIMITS.repliesPreview on the server). */
  preview?: number
  votes?: VoteMode
}

export interface FakeThreadApi {
  /** The thread as stored, oldest first; tests add comments to it between pages. */
  comments: Comment[]
  /** Every request's path and query, e.g. "/api/comments?uri=%2Fpost&after=3". */
  requests: string[]
  /** The body of every vote. */
  votes: VoteRequest[]
  /** Answers the next vote with this error code (and status) instead of counting it. */
  failVotes?: { status: number; code: string }
}

/**
 * For the widget's store and component tests: the paging contract of GET /api/comments and
 * POST /api/comments/:id/vote (server/contract.ts, ThreadResponse) over a list of comments,
 * reached through configureApi's fetch. Cursors are offsets, so a comment added between two pages
 * shifts the next one: the widget must show nothing twice.
 */
export function createFakeThreadApi(
  comments: Comment[],
  { pageSize = 3, preview = 2, votes = 'on' }: FakeThreadOptions = {},
): FakeThreadApi {
  const fake: FakeThreadApi = { comments, requests: [], votes: [] }
  const voters = new Map<number, VoteValue>()

  const rootOf = (comment: Comment): Comment => {
    const parent = fake.comments.find(({ id }) => id === comment.parentId)
    return parent ? rootOf(parent) : comment
  }
  const repliesOf = (root: Comment) =>
    fake.comments.filter((comment) => comment !== root && rootOf(comment) === root)
  const page = (found: Comment[], next: string | null, sort: ThreadSort): ThreadResponse => ({
    uri: '/post',
    total: fake.comments.length,
    comments: found,
    next,
    sort,
    votes,
  })

  function list(query: URLSearchParams): Response {
    const sort = (query.get('sort') ?? 'oldest') as ThreadSort
    const after = Number(query.get('after') ?? 0)
    const parent = fake.comments.find(({ id }) => id === Number(query.get('parent')))
    if (parent) {
      const replies = repliesOf(parent)
      const end = after + pageSize * 3
      return json(page(replies.slice(after, end), end < replies.length ? String(end) : null, sort))
    }
    const roots = fake.comments.filter(({ parentId }) => parentId === null)
    if (sort === 'newest') roots.reverse()
    let start = after
    let through: Comment | undefined
    if (query.has('around')) {
      through = fake.comments.find(({ id }) => id === Number(query.get('around')))
      if (!through) return json({ error: { code: 'comment_not_found', message: 'Gone' } }, 404)
      start = roots.indexOf(rootOf(through))
    }
    const end = start + pageSize
    const found = roots.slice(start, end).flatMap((root) => {
      const replies = repliesOf(root)
      const shown = through && rootOf(through) === root ? replies.indexOf(through) + 1 : 0
      return [{ ...root, replies: replies.length }, ...replies.slice(0, Math.max(preview, shown))]
    })
    return json(page(found, end < roots.length ? String(end) : null, sort))
  }

  function vote(id: number, body: VoteRequest): Response {
    const { value } = body
    fake.votes.push(body)
    const comment = fake.comments.find((candidate) => candidate.id === id)
    if (fake.failVotes) {
      const { status, code } = fake.failVotes
      return json({ error: { code, message: 'Refused' } }, status)
    }
    if (!comment?.score) return json({ error: { code: 'comment_not_found', message: 'Gone' } }, 404)
    const before = voters.get(id) ?? 0
    const { up, down } = comment.score
    comment.score = {
      up: up - (before === 1 ? 1 : 0) + (value === 1 ? 1 : 0),
      down: down - (before === -1 ? 1 : 0) + (value === -1 ? 1 : 0),
    }
    voters.set(id, value)
    return json({ value, score: comment.score } satisfies VoteResponse)
  }

  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const url = new URL(request.url)
      fake.requests.push(url.pathname + url.search)
      const voted = /^\/api\/comments\/(\d+)\/vote$/.exec(url.pathname)
      if (voted) return vote(Number(voted[1]), await request.json())
      return list(url.searchParams)
    },
  })
  return fake
}

/** A published comment, with a score. */
export function fakeComment(id: number, parentId: number | null = null): Comment {
  return {
    id,
    parentId,
    author: { name: `Author ${id}`, website: null, avatar: '0123456789abcdef' },
    html: `<p>Comment ${id}</p>`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
    editedAt: null,
    status: 'published',
    score: { up: 0, down: 0 },
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}
