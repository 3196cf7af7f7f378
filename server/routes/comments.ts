import { Hono, type MiddlewareHandler } from 'hono'
import { DomainError } from '../errors.ts'
import { bearerToken } from '../lib/bearer-token.ts'
import type { ClientAddress } from '../lib/client-address.ts'
import { methodNotAllowed } from '../lib/method-not-allowed.ts'
import { readJson } from '../lib/read-json.ts'
import type { CommentService } from '../services/comments.ts'
import { validateNewComment, validateText, validateUri } from '../services/validate-comment.ts'

export interface CommentRoutesOptions {
  service: CommentService
  clientAddress: ClientAddress
  /** Runs before a new comment is read: the per-client rate limit. */
  postLimit: MiddlewareHandler
}

/** /api/comments: read a thread, post, edit and delete a comment. */
export function commentRoutes({ service, clientAddress, postLimit }: CommentRoutesOptions): Hono {
  return new Hono()
    .get('/', async (c) => {
      const body = await service.listThreadJson(validateUri(c.req.query('uri')))
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
      const id = commentId(c.req.param('id'))
      const token = bearerToken(c.req.header('authorization'))
      const text = validateText(await readJson(c.req.raw))
      return c.json({ comment: await service.editComment(id, token, text) })
    })
    .delete('/:id', async (c) => {
      const id = commentId(c.req.param('id'))
      await service.deleteComment(id, bearerToken(c.req.header('authorization')))
      return c.body(null, 204)
    })
    .all('/:id', methodNotAllowed(['PATCH', 'DELETE']))
}

/** Ids are positive integers; anything else names no comment. */
function commentId(param: string): number {
  const id = /^\d{1,15}$/.test(param) ? Number(param) : 0
  if (id < 1)
    throw new DomainError('comment_not_found', `There is no comment "${param.slice(0, 50)}".`)
  return id
}
