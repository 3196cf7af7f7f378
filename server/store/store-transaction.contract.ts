import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commentRow } from './store.contract.ts'
import type { Store } from './store.ts'

const T0 = Date.UTC(2024, 0, 1)
const VOTER = 'v'.repeat(64)

/** A promise the test settles when it wants: a transaction awaiting something slow. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

/** Lets every callback already queued run: what another request would do meanwhile. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** One use case, one transaction: all or nothing, and nobody else sees it half done. */
export function describeStoreTransactionContract(
  name: string,
  makeStore: () => Promise<Store>,
): void {
  describe(`Store transaction contract: ${name}`, () => {
    let store: Store
    let threadId: number
    beforeEach(async () => {
      store = await makeStore()
      threadId = (await store.upsertThread('/tx', null, T0)).id
    })
    afterEach(async () => {
      await store.close()
    })

    /** Writes one of each kind of row, as a use case would, and resolves with the comment id. */
    async function writeEverything(tx: Store): Promise<number> {
      const { id } = await tx.insertComment(commentRow(threadId, { text: 'inside' }))
      await tx.setMeta('k', 'inside')
      await tx.saveVote({
        commentId: id,
        voterHash: VOTER,
        clientHash: 'c',
        value: 1,
        createdAt: T0,
      })
      await tx.addBlocklistEntry({ kind: 'word', value: 'inside' })
      await tx.bumpThreadVersion(threadId)
      return id
    }

    /** Whether each write of writeEverything is in the database. */
    async function whatIsKept(id: number) {
      return {
        comment: (await store.findComment(id)) !== undefined,
        meta: await store.getMeta('k'),
        vote: (await store.findVote(id, VOTER, [])) !== undefined,
        blocklist: await store.listBlocklist(),
        version: (await store.findThreadById(threadId))?.version,
      }
    }

    it('commits what fn wrote and resolves with its result', async () => {
      const before = await store.findThreadById(threadId)
      const id = await store.transaction(writeEverything)
      expect(await whatIsKept(id)).toEqual({
        comment: true,
        meta: 'inside',
        vote: true,
        blocklist: [{ kind: 'word', value: 'inside' }],
        version: (before?.version ?? NaN) + 1,
      })
    })

    it('keeps nothing fn wrote when it throws midway, and rethrows its error', async () => {
      const before = await store.findThreadById(threadId)
      const error = new Error('midway')
      let id = 0
      await expect(
        store.transaction(async (tx) => {
          id = await writeEverything(tx)
          throw error
        }),
      ).rejects.toBe(error)
      expect(await whatIsKept(id)).toEqual({
        comment: false,
        meta: undefined,
        vote: false,
        blocklist: [],
        version: before?.version,
      })
      expect(await store.listComments(threadId)).toEqual([])
    })

    it('keeps nothing when fn throws before its first await', async () => {
      const error = new Error('at once')
      const fail = (tx: Store): Promise<never> => {
        // Not awaited: it runs at once, inside the transaction, before the throw.
        void tx.setMeta('k', 'inside')
        throw error
      }
      await expect(store.transaction(fail)).rejects.toBe(error)
      expect(await store.getMeta('k')).toBeUndefined()
    })

    it('updates a comment only when the transaction commits', async () => {
      const row = await store.insertComment(commentRow(threadId))
      await expect(
        store.transaction(async (tx) => {
          await tx.updateComment(row.id, { status: 'deleted', visible: false })
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
      expect(await store.findComment(row.id)).toEqual(row)
    })

    it('lets calls made through the store itself from within fn join the transaction', async () => {
      // Helpers that hold the store rather than `tx` must neither wait for it (a deadlock) nor
      // write outside it.
      await expect(
        store.transaction(async () => {
          await store.setMeta('k', 'inside')
          expect(await store.getMeta('k')).toBe('inside')
          throw new Error('undo')
        }),
      ).rejects.toThrow('undo')
      expect(await store.getMeta('k')).toBeUndefined()
    })

    // A nested transaction is the same transaction, with no savepoint: an inner throw that the
    // outer fn catches undoes nothing, and only the outer fn's outcome decides what is kept.
    it('joins a nested transaction: the outer one alone decides what is kept', async () => {
      const result = await store.transaction(async (outer) => {
        await outer.setMeta('outer', '1')
        const inner = await outer.transaction(async (tx) => {
          await tx.setMeta('inner', '1')
          return 'inner result'
        })
        await outer
          .transaction(async (tx) => {
            await tx.setMeta('caught', '1')
            throw new Error('inner')
          })
          .catch(() => {})
        return inner
      })
      expect(result).toBe('inner result')
      expect(await store.getMeta('outer')).toBe('1')
      expect(await store.getMeta('inner')).toBe('1')
      expect(await store.getMeta('caught')).toBe('1')

      await expect(
        store.transaction(async (outer) => {
          await outer.transaction(async (tx) => tx.setMeta('inner 2', '1'))
          throw new Error('outer')
        }),
      ).rejects.toThrow('outer')
      expect(await store.getMeta('inner 2')).toBeUndefined()
    })

    it('rejects, never throws, when a nested fn throws before its first await', async () => {
      const error = new Error('at once')
      const fail = (): Promise<never> => {
        throw error
      }
      const outcome = await store.transaction(async (outer) => {
        await outer.setMeta('k', 'outer')
        // A synchronous throw here would skip .then and fail the outer transaction instead.
        return outer.transaction(fail).then(
          () => 'resolved',
          (reason: unknown) => (reason === error ? 'rejected' : 'other'),
        )
      })
      expect(outcome).toBe('rejected')
      expect(await store.getMeta('k')).toBe('outer')
    })

    it('makes calls from outside wait for a transaction, and then see only what it committed', async () => {
      const events: string[] = []
      const slow = gate()
      const committing = store.transaction(async (tx) => {
        await tx.setMeta('k', 'inside')
        await slow.opened
        events.push('commit')
      })
      const read = store.getMeta('k').then((value) => events.push(`read ${value}`))
      const write = store.setMeta('k', 'outside').then(() => events.push('write'))
      await tick()
      expect(events).toEqual([])
      slow.open()
      await Promise.all([committing, read, write])
      expect(events).toEqual(['commit', 'read inside', 'write'])
      expect(await store.getMeta('k')).toBe('outside')
    })

    it('never shows a call from outside the writes of a transaction that rolls back', async () => {
      await store.setMeta('k', 'before')
      const events: string[] = []
      const slow = gate()
      const failing = store.transaction(async (tx) => {
        await tx.setMeta('k', 'inside')
        await tx.insertComment(commentRow(threadId))
        await slow.opened
        events.push('rollback')
        throw new Error('no')
      })
      const read = store.getMeta('k').then((value) => events.push(`read ${value}`))
      const count = store
        .countThreadPublished(threadId)
        .then((total) => events.push(`count ${total}`))
      await tick()
      slow.open()
      await expect(failing).rejects.toThrow('no')
      await Promise.all([read, count])
      expect(events).toEqual(['rollback', 'read before', 'count 0'])
    })

    it('runs transactions one after another, in the order they were asked for', async () => {
      const events: string[] = []
      const slow = gate()
      const first = store.transaction(async () => {
        events.push('first start')
        await slow.opened
        events.push('first end')
      })
      const second = store.transaction(async () => {
        events.push('second start')
        await tick()
        events.push('second end')
      })
      const third = store.transaction(async () => {
        events.push('third')
      })
      await tick()
      slow.open()
      await Promise.all([first, second, third])
      expect(events).toEqual(['first start', 'first end', 'second start', 'second end', 'third'])
    })

    it('loses no update when many transactions read and write the same value', async () => {
      const runs = 50
      await Promise.all(
        Array.from({ length: runs }, (_, n) =>
          store.transaction(async (tx) => {
            const count = Number((await tx.getMeta('count')) ?? '0')
            // Another request's turn, if anything let it in.
            if (n % 2 === 0) await tick()
            await tx.setMeta('count', String(count + 1))
          }),
        ),
      )
      expect(await store.getMeta('count')).toBe(String(runs))
    })

    it('goes on working after a transaction fails', async () => {
      await expect(
        store.transaction(async (tx) => {
          // A comment on a thread that does not exist: the database refuses it.
          await tx.insertComment(commentRow(424242))
        }),
      ).rejects.toThrow()
      await store.transaction((tx) => tx.setMeta('k', 'after'))
      expect(await store.getMeta('k')).toBe('after')
    })
  })
}
