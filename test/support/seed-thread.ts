import { randomBytes } from 'node:crypto'
import { newCommentRow } from '../../server/services/comments/new-comment-row.ts'
import { openStore } from '../../server/store/open-store.ts'
import type { CommentRow } from '../../server/store/store.ts'

/** One comment to seed: its text, and the index (in the seed's order) of the one it answers. */
export interface SeedComment {
  text: string
  parent?: number
}

/**
 * Writes a thread's comments straight into a database file, in one transaction, with the same
 * row builder the server's services use: thousands of comments in a second or two, where posting
 * them costs one COMMIT (an fsync) each. Comments are one second apart, in the given order.
 * Start the server on the file afterwards (startServer's dbPath). Answers the ids, in order.
 */
export async function seedThread(
  dbPath: string,
  uri: string,
  comments: readonly SeedComment[],
  start = Date.UTC(2025, 0, 1),
): Promise<number[]> {
  const store = await openStore({ kind: 'sqlite', path: dbPath })
  const key = randomBytes(32)
  try {
    return await store.transaction(async (tx) => {
      const thread = await tx.upsertThread(uri, null, start)
      const rows: CommentRow[] = []
      for (const [index, comment] of comments.entries()) {
        const parent = comment.parent === undefined ? null : (rows[comment.parent] ?? null)
        const { row } = newCommentRow(
          {
            threadId: thread.id,
            parent,
            text: comment.text,
            name: `Reader ${index % 7}`,
            email: null,
            website: null,
            clientHash: 'c'.repeat(64),
            status: 'published',
            createdAt: start + index * 1000,
          },
          key,
        )
        rows.push(await tx.insertComment(row))
      }
      await tx.bumpThreadVersion(thread.id)
      return rows.map((row) => row.id)
    })
  } finally {
    await store.close()
  }
}
