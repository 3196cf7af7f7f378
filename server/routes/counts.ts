import { Hono } from 'hono'
import { LIMITS } from '../contract.ts'
import { invalidInput } from '../errors.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { validateUri } from '../http/validate-comment.ts'
import type { CommentService } from '../services/comments/comments.ts'

/** /api/counts?uri=A&uri=B: published comments per thread, for the loader's count badges. */
export function countRoutes(service: CommentService): Hono {
  return new Hono()
    .get('/', async (c) => {
      const keys = c.req.queries('uri') ?? []
      if (keys.length > LIMITS.countsMax) {
        throw invalidInput(
          'uri',
          `Ask for at most ${LIMITS.countsMax} threads at once; got ${keys.length}.`,
        )
      }
      const uris = keys.map((key) => validateUri(key))
      const counts = await service.counts([...new Set(uris)])
      // Keyed as the client sent each key; fromEntries defines own properties, so even a key
      // named "__proto__" comes back as sent.
      const answer = Object.fromEntries(keys.map((key, i) => [key, counts.get(uris[i] ?? '') ?? 0]))
      return c.json({ counts: answer })
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']))
}
