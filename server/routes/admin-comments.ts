import { type Context, Hono } from 'hono'
import { pathCommentId } from '../http/comment-id.ts'
import type { ClientAddress } from '../lib/client-address.ts'
import { methodNotAllowed } from '../lib/method-not-allowed.ts'
import { readJson } from '../lib/read-json.ts'
import type { ModerationService } from '../services/moderation.ts'
import {
  validateBulk,
  validateCommentChange,
  validateCommentQuery,
  validateOwnerReply,
} from '../services/validate-admin.ts'

/** /api/admin/comments: the moderation queue, searches, status changes, edits, owner replies. */
export function adminCommentRoutes(
  moderation: ModerationService,
  clientAddress: ClientAddress,
): Hono {
  return new Hono()
    .get('/', async (c) =>
      c.json(await moderation.listComments(validateCommentQuery(c.req.query()))),
    )
    .all('/', methodNotAllowed(['GET', 'HEAD']))
    .post('/bulk', async (c) => {
      const { ids, status } = validateBulk(await readJson(c.req.raw))
      return c.json({ comments: await moderation.bulkStatus(ids, status) })
    })
    .all('/bulk', methodNotAllowed(['POST']))
    .get('/:id', async (c) =>
      c.json({ comment: await moderation.getComment(pathCommentId(c.req.param('id'))) }),
    )
    .patch('/:id', async (c) => {
      const id = pathCommentId(c.req.param('id'))
      const change = validateCommentChange(await readJson(c.req.raw))
      return c.json({ comment: await moderation.updateComment(id, change) })
    })
    .all('/:id', methodNotAllowed(['GET', 'HEAD', 'PATCH']))
    .post('/:id/reply', async (c) => {
      const id = pathCommentId(c.req.param('id'))
      const reply = validateOwnerReply(await readJson(c.req.raw))
      return c.json({ comment: await moderation.reply(id, reply, clientAddress(c)) }, 201)
    })
    .all('/:id/reply', methodNotAllowed(['POST']))
}
