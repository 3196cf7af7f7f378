import { Hono } from 'hono'
import type { ClientAddress } from '../http/client-address.ts'
import { pathCommentId } from '../http/comment-id.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { readJson } from '../http/read-json.ts'
import {
  validateBulk,
  validateCommentChange,
  validateCommentQuery,
  validateOwnerReply,
} from '../http/validate-admin.ts'
import type { ModerationService } from '../services/moderation/moderation.ts'

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
