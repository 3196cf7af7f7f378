import { Hono } from 'hono'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { readJson } from '../http/read-json.ts'
import { validatePage, validateThreadChange } from '../http/validate-admin.ts'
import type { ModerationService } from '../services/moderation/moderation.ts'

/** /api/admin/threads: threads with their counts; closing and opening one. */
export function adminThreadRoutes(moderation: ModerationService): Hono {
  return (
    new Hono()
      .get('/', async (c) => {
        const { limit, offset } = validatePage(c.req.query())
        return c.json({ threads: await moderation.listThreads(limit, offset) })
      })
      // The thread key is a path: it travels in the body rather than in this URL.
      .patch('/', async (c) => {
        const { uri, closed } = validateThreadChange(await readJson(c.req.raw))
        return c.json({ thread: await moderation.setThreadClosed(uri, closed) })
      })
      .all('/', methodNotAllowed(['GET', 'HEAD', 'PATCH']))
  )
}
