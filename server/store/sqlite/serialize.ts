import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import { DomainError } from '../../errors.ts'
import type { Store } from '../store.ts'

/**
 * How long a call waits for another request's transaction before giving up with 503: far
 * beyond any real transaction (a few ms); reached only if a transaction awaits work that
 * itself waits for the store, which services avoid by loading keys before they open one.
 */
const WAIT_MS = 5_000

type Methods = Omit<Store, 'transaction'>

/**
 * Gives a store over one better-sqlite3 connection its transactions. better-sqlite3 is
 * synchronous, but a use case awaits between its calls, and other requests' calls would run
 * on the same connection in between, inside its transaction. So while a transaction is open,
 * calls from outside it wait their turn; calls from inside it (known by AsyncLocalStorage, so
 * that helpers holding the store join without being handed `tx`) run at once.
 */
export function withTransactions(db: Database.Database, methods: Methods): Store {
  const scope = new AsyncLocalStorage<{ open: boolean }>()
  const queue: { start: () => void; timer: NodeJS.Timeout }[] = []
  let isOpen = false

  const isInside = () => scope.getStore()?.open === true

  function release(): void {
    isOpen = false
    while (queue.length > 0 && !isOpen) {
      const next = queue.shift()
      if (!next) break
      clearTimeout(next.timer)
      next.start()
    }
  }

  function whenFree(start: () => void, reject: (error: unknown) => void): void {
    if (!isOpen) return start()
    const entry = {
      start,
      timer: setTimeout(() => {
        queue.splice(queue.indexOf(entry), 1)
        reject(new DomainError('unavailable', 'The database is busy; try again in a moment.'))
      }, WAIT_MS),
    }
    queue.push(entry)
  }

  const store = {} as Store
  for (const [name, method] of Object.entries(methods) as [
    string,
    (...args: unknown[]) => Promise<unknown>,
  ][]) {
    Object.assign(store, {
      [name]: (...args: unknown[]) => {
        if (isInside() || !isOpen) return method(...args)
        return new Promise((resolve, reject) => {
          whenFree(() => method(...args).then(resolve, reject), reject)
        })
      },
    })
  }

  store.transaction = <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
    if (isInside()) return fn(store)
    return new Promise<T>((resolve, reject) => {
      whenFree(() => {
        isOpen = true
        const state = { open: true }
        try {
          db.exec('BEGIN IMMEDIATE')
        } catch (error) {
          release()
          return reject(error)
        }
        new Promise<T>((run) => run(scope.run(state, () => fn(store))))
          .then((result) => {
            db.exec('COMMIT')
            resolve(result)
          })
          .catch((error: unknown) => {
            if (db.inTransaction) db.exec('ROLLBACK')
            reject(error)
          })
          .finally(() => {
            state.open = false
            release()
          })
      }, reject)
    })
  }
  return store
}
