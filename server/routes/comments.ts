import { Hono, type MiddlewareHandler } from 'hono'
import { bearerToken } from '../http/bearer-token.ts'
import type { ClientAddress } from '../http/client-address.ts'
import { pathCommentId } from '../http/comment-id.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { validatePageQuery } from '../http/page-query.ts'
import { readJson } from '../http/read-json.ts'
import { validateNewComment, validateText } from '../http/validate-comment.ts'
import { validateVote } from '../http/vote-body.ts'
import type { CommentService } from '../services/comments/comments.ts'
import type { ThreadPages } from '../services/comments/thread-pages.ts'
import type { VoteService } from '../services/comments/votes.ts'

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
