import { Hono } from 'hono'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { readJson } from '../http/read-json.ts'
import { validateText } from '../http/validate-comment.ts'
import type { CommentService } from '../services/comments/comments.ts'

/** /api/preview: the HTML a text would become, with the same rules as a posted comment. */
export function previewRoutes(service: CommentService): Hono {
  return new Hono()
    .post('/', async (c) =>
      c.json({ html: service.preview(validateText(await readJson(c.req.raw))) }),
    )
    .all('/', methodNotAllowed(['POST']))
}
