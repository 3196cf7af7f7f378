import { hashClient } from '../lib/keyed-hash.ts'
import { newCommentRow } from '../services/comments/new-comment-row.ts'
import type { Store } from '../store/store.ts'
import { DEMO_COMMENTS } from './demo-comments.ts'

/** The demo page is the site's root, so its thread key is '/'. */
export const DEMO_URI = '/'
export const DEMO_TITLE = "Les médias sociaux ne sont pas cool. Faire de l'argent l'est."
const SEEDED_KEY = 'demo_seeded'

/**
 * Fills the demo thread with the article's three reader comments, once: a meta key remembers
 * it, so comments the owner later deletes do not come back. Touches only the demo thread.
 * Answers whether it seeded anything.
 */
export async function seedDemo(store: Store, secret: () => Promise<Buffer>): Promise<boolean> {
  if ((await store.getMeta(SEEDED_KEY)) !== undefined) return false
  const key = await secret()
  const clientHash = hashClient(key, 'demo')
  const [first] = DEMO_COMMENTS
  // One transaction: a crash leaves the demo thread seeded entirely or not at all.
  await store.transaction(async (tx) => {
    const thread = await tx.upsertThread(DEMO_URI, DEMO_TITLE, first?.createdAt ?? 0)
    for (const comment of DEMO_COMMENTS) {
      const { row } = newCommentRow(
        {
          threadId: thread.id,
          parent: null,
          text: comment.text,
          name: comment.name,
          email: null,
          website: new URL(comment.website).href,
          clientHash,
          status: 'published',
          createdAt: comment.createdAt,
        },
        key,
      )
      // Nobody ever holds the token: the demo comments cannot be edited through the API.
      await tx.insertComment(row)
    }
    await tx.bumpThreadVersion(thread.id)
    await tx.setMeta(SEEDED_KEY, '1')
  })
  return true
}
