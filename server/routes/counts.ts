import { Hono } from 'hono'
import { methodNotAllowed } from '../lib/method-not-allowed.ts'
import type { CommentService } from '../services/comments.ts'

/** /api/counts?uri=A&uri=B: published comments per thread, for the loader's count badges. */
export function countRoutes(service: CommentService): Hono {
  return new Hono()
    .get('/', async (c) => c.json({ counts: await service.counts(c.req.queries('uri') ?? []) }))
    .all('/', methodNotAllowed(['GET', 'HEAD']))
}
