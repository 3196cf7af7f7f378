import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BlocklistRow, Store } from './store.ts'

const CLIENT = 'c'.repeat(64)

/** The owner's blocklist as rows; matching and normalising are the service's. */
export function describeStoreBlocklistContract(
  name: string,
  makeStore: () => Promise<Store>,
): void {
  describe(`Store blocklist contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    const add = async (...rows: BlocklistRow[]) => {
      for (const row of rows) await store.addBlocklistEntry(row)
    }

    it('starts empty', async () => {
      expect(await store.listBlocklist()).toEqual([])
    })

    it('lists entries in the order they were added, across kinds', async () => {
      const rows: BlocklistRow[] = [
        { kind: 'word', value: 'zebra' },
        { kind: 'email', value: '@bad.example' },
        { kind: 'word', value: 'apple' },
        { kind: 'client', value: CLIENT },
        { kind: 'email', value: 'a@x.example' },
      ]
      await add(...rows)
      expect(await store.listBlocklist()).toEqual(rows)
    })

    it('ignores an entry already there, which keeps its place', async () => {
      await add(
        { kind: 'word', value: 'spam' },
        { kind: 'email', value: 'a@x.example' },
        { kind: 'word', value: 'spam' },
      )
      // The same value under another kind, or in another case, is another entry: the service
      // normalises what it adds.
      await add({ kind: 'client', value: 'spam' }, { kind: 'word', value: 'Spam' })
      expect(await store.listBlocklist()).toEqual([
        { kind: 'word', value: 'spam' },
        { kind: 'email', value: 'a@x.example' },
        { kind: 'client', value: 'spam' },
        { kind: 'word', value: 'Spam' },
      ])
    })

    it('deletes one entry, answering how many went', async () => {
      await add({ kind: 'word', value: 'one' }, { kind: 'email', value: 'one' })
      await add({ kind: 'word', value: 'two' })
      expect(await store.deleteBlocklistEntry({ kind: 'word', value: 'one' })).toBe(1)
      expect(await store.deleteBlocklistEntry({ kind: 'word', value: 'one' })).toBe(0)
      expect(await store.deleteBlocklistEntry({ kind: 'client', value: 'two' })).toBe(0)
      expect(await store.listBlocklist()).toEqual([
        { kind: 'email', value: 'one' },
        { kind: 'word', value: 'two' },
      ])
      // Added again, it goes to the end.
      await add({ kind: 'word', value: 'one' })
      expect((await store.listBlocklist()).at(-1)).toEqual({ kind: 'word', value: 'one' })
    })

    it('clears every entry, and takes new ones afterwards', async () => {
      await add({ kind: 'word', value: 'a' }, { kind: 'client', value: CLIENT })
      await store.clearBlocklist()
      expect(await store.listBlocklist()).toEqual([])
      await store.clearBlocklist()
      await add({ kind: 'word', value: 'b' })
      expect(await store.listBlocklist()).toEqual([{ kind: 'word', value: 'b' }])
    })
  })
}
