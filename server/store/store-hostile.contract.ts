import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commentRow } from './store.contract.ts'
import type { Store } from './store.ts'

// Whatever Unicode the API lets through comes back from every store exactly as it went in: no
// normalisation, no truncation at an astral character, no mangled combining sequence. NUL and lone
// surrogates are not in these strings: the routes refuse them before a store sees them
// (server/lib/string-field.ts), and PostgreSQL could not store a NUL in text anyway.

const T0 = Date.UTC(2024, 0, 1)
const RUNS = 60

const noNul = (value: string) => !value.includes('\u0000')
/** Any well-formed Unicode: grapheme clusters (combining marks, ZWJ emoji) and any code point. */
const unicodeText = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
      fc.string({ unit: 'binary', minLength: 1, maxLength }),
      fc.constantFrom(
        '👩‍👩‍👧‍👦 e\u0301 \u202eevil\u202c 中文 𝒳 \ufeff\u200b',
        '\'"; DROP TABLE comments; --',
        '\\x00 %00 \\u0000',
        '\r\n\t\u2028\u2029',
      ),
    )
    .filter(noNul)

/** Store behaviour on hostile but valid text; run it once per implementation. */
export function describeStoreHostileContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store hostile-text contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    it('round-trips any text, name, email and website exactly', async () => {
      const thread = await store.upsertThread('/unicode', null, T0)
      await fc.assert(
        fc.asyncProperty(
          unicodeText(500),
          unicodeText(100),
          unicodeText(100),
          unicodeText(200),
          async (text, name, email, website) => {
            const row = commentRow(thread.id, { text, html: text, name, email, website })
            const inserted = await store.insertComment(row)
            expect(inserted).toEqual({ ...row, id: inserted.id, up: 0, down: 0, bestRank: 0 })
            expect(await store.findComment(inserted.id)).toEqual(inserted)
            const listed = await store.listComments(thread.id)
            expect(listed.find((comment) => comment.id === inserted.id)).toEqual(inserted)
          },
        ),
        { numRuns: RUNS },
      )
    })

    it('round-trips any text through updateComment', async () => {
      const thread = await store.upsertThread('/unicode-edit', null, T0)
      const { id } = await store.insertComment(commentRow(thread.id))
      await fc.assert(
        fc.asyncProperty(unicodeText(500), async (text) => {
          const updated = await store.updateComment(id, { text, html: text })
          expect(updated?.text).toBe(text)
          expect((await store.findComment(id))?.text).toBe(text)
        }),
        { numRuns: RUNS },
      )
    })

    it('keeps thread keys and titles apart and exact, whatever their characters', async () => {
      await fc.assert(
        fc.asyncProperty(unicodeText(100), unicodeText(100), async (key, title) => {
          const uri = `/${key}`
          const thread = await store.upsertThread(uri, title, T0)
          expect(thread.uri).toBe(uri)
          expect((await store.findThread(uri))?.id).toBe(thread.id)
          expect((await store.findThreadById(thread.id))?.uri).toBe(uri)
        }),
        { numRuns: RUNS },
      )
    })
  })
}
