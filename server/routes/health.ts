import { Hono } from 'hono'
import { DomainError } from '../errors.ts'
import { methodNotAllowed } from '../http/method-not-allowed.ts'

/** /healthz: 200 when the database answers, 503 otherwise, for load balancers and uptime checks. */
export function healthRoutes(checkStore: () => Promise<void>): Hono {
  return new Hono()
    .get('/', async (c) => {
      try {
        await checkStore()
      } catch (error) {
        console.error(`Health check failed: ${error instanceof Error ? error.message : error}`)
        throw new DomainError('unavailable', 'The database does not answer.')
      }
      return c.json({ status: 'ok' })
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']))
}
