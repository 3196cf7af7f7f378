import { hashClient } from '../lib/keyed-hash.ts'
import { renderMarkdown } from '../lib/render-markdown.ts'
import { avatarSeed } from '../services/avatar-seed.ts'
import { createToken } from '../services/comment-token.ts'
import { createServerSecret } from '../services/server-secret.ts'
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
export async function seedDemo(store: Store, secret = createServerSecret(store)): Promise<boolean> {
  if ((await store.getMeta(SEEDED_KEY)) !== undefined) return false
  const [first] = DEMO_COMMENTS
  const thread = await store.upsertThread(DEMO_URI, DEMO_TITLE, first?.createdAt ?? 0)
  const existing = await store.listComments(thread.id)
  const key = await secret()
  const clientHash = hashClient(key, 'demo')
  for (const comment of DEMO_COMMENTS) {
    // A seed cut short by a crash resumes without duplicating what it already wrote.
    const isThere = existing.some(
      (row) => row.createdAt === comment.createdAt && row.name === comment.name,
    )
    if (isThere) continue
    await store.insertComment({
      threadId: thread.id,
      parentId: null,
      text: comment.text,
      html: renderMarkdown(comment.text),
      name: comment.name,
      email: null,
      website: new URL(comment.website).href,
      avatar: avatarSeed(key, { name: comment.name, email: null, clientHash }),
      clientHash,
      // Nobody ever holds the token: the demo comments cannot be edited through the API.
      tokenHash: createToken().tokenHash,
      status: 'published',
      createdAt: comment.createdAt,
      editedAt: null,
    })
  }
  await store.setMeta(SEEDED_KEY, '1')
  return true
}
