import { Hono } from 'hono'
import { methodNotAllowed } from '../lib/method-not-allowed.ts'
import { readJson } from '../lib/read-json.ts'
import type { CommentService } from '../services/comments.ts'
import { validateText } from '../services/validate-comment.ts'

/** /api/preview: the HTML a text would become, with the same rules as a posted comment. */
export function previewRoutes(service: CommentService): Hono {
  return new Hono()
    .post('/', async (c) =>
      c.json({ html: service.preview(validateText(await readJson(c.req.raw))) }),
    )
    .all('/', methodNotAllowed(['POST']))
}
