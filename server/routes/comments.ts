import { Hono, type MiddlewareHandler } from 'hono'
import { pathCommentId } from '../http/comment-id.ts'
import { validatePageQuery } from '../http/page-query.ts'
import { validateVote } from '../http/vote-body.ts'
import { bearerToken } from '../lib/bearer-token.ts'
import type { ClientAddress } from '../lib/client-address.ts'
import { methodNotAllowed } from '../lib/method-not-allowed.ts'
import { readJson } from '../lib/read-json.ts'
import type { CommentService } from '../services/comments.ts'
import type { ThreadPages } from '../services/thread-pages.ts'
import { validateNewComment, validateText } from '../services/validate-comment.ts'
import type { VoteService } from '../services/votes.ts'

export interface CommentRoutesOptions {
  service: CommentService
  pages: ThreadPages
  votes: VoteService
  clientAddress: ClientAddress
  /** Runs before a new comment is read: the per-client rate limit. */
  postLimit: MiddlewareHandler
  /** Runs before a vote is read: the per-client limit on votes. */
  voteLimit: MiddlewareHandler
}

/** /api/comments: read a thread a page at a time, post, edit, delete and vote. */
export function commentRoutes(options: CommentRoutesOptions): Hono {
  const { service, pages, votes, clientAddress, postLimit, voteLimit } = options
  return new Hono()
    .get('/', async (c) => {
      const body = await pages.pageJson(validatePageQuery((name) => c.req.query(name)))
      // The content type c.json sends, for an answer that is already serialised (and cached).
      return c.body(body, 200, { 'content-type': 'application/json' })
    })
    .post('/', postLimit, async (c) => {
      const input = validateNewComment(await readJson(c.req.raw))
      const created = await service.createComment(input, { address: clientAddress(c) })
      // 202: accepted but held for moderation, so not yet visible to others.
      return c.json(created, created.comment.status === 'pending' ? 202 : 201)
    })
    .all('/', methodNotAllowed(['GET', 'HEAD', 'POST']))
    .patch('/:id', async (c) => {
      const id = pathCommentId(c.req.param('id'))
      const token = bearerToken(c.req.header('authorization'))
      const text = validateText(await readJson(c.req.raw))
      return c.json({ comment: await service.editComment(id, token, text) })
    })
    .delete('/:id', async (c) => {
      const id = pathCommentId(c.req.param('id'))
      await service.deleteComment(id, bearerToken(c.req.header('authorization')))
      return c.body(null, 204)
    })
    .all('/:id', methodNotAllowed(['PATCH', 'DELETE']))
    .post('/:id/vote', voteLimit, async (c) => {
      const id = pathCommentId(c.req.param('id'))
      const { value, voter } = validateVote(await readJson(c.req.raw))
      return c.json(await votes.vote(id, voter, value, clientAddress(c)))
    })
    .all('/:id/vote', methodNotAllowed(['POST']))
}
