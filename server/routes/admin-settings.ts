import { Hono } from 'hono'
import { methodNotAllowed } from '../http/method-not-allowed.ts'
import { readJson } from '../http/read-json.ts'
import { validateEraseTarget } from '../http/validate-admin.ts'
import {
  type BlocklistService,
  validateBanTarget,
  validateBlocklist,
} from '../services/moderation/blocklist.ts'
import type { ModerationService } from '../services/moderation/moderation.ts'

/**
 * /api/admin/blocklist, /bans, /erase and /stats: the owner's lists, a reader's erasure, and
 * the numbers for the chart.
 */
export function adminSettingRoutes(
  blocklist: BlocklistService,
  moderation: ModerationService,
): Hono {
  return (
    new Hono()
      .get('/blocklist', async (c) => c.json(await blocklist.get()))
      .put('/blocklist', async (c) => {
        return c.json(await blocklist.replace(validateBlocklist(await readJson(c.req.raw))))
      })
      .all('/blocklist', methodNotAllowed(['GET', 'HEAD', 'PUT']))
      // A ban is one entry of the blocklist: its email or client's future comments become spam.
      .post('/bans', async (c) => {
        return c.json(await blocklist.change(validateBanTarget(await readJson(c.req.raw)), true))
      })
      .delete('/bans', async (c) => {
        return c.json(await blocklist.change(validateBanTarget(c.req.query()), false))
      })
      .all('/bans', methodNotAllowed(['POST', 'DELETE']))
      .post('/erase', async (c) => {
        return c.json(await moderation.eraseEmail(validateEraseTarget(await readJson(c.req.raw))))
      })
      .all('/erase', methodNotAllowed(['POST']))
      .get('/stats', async (c) => c.json(await moderation.stats()))
      .all('/stats', methodNotAllowed(['GET', 'HEAD']))
  )
}
