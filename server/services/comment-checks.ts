import type { CommentStatus, ModerationMode } from '../contract.ts'
import { AppError } from '../errors.ts'
import type { Store } from '../store/store.ts'
import type { BlocklistService, Candidate } from './blocklist.ts'

export interface CommentChecksOptions {
  store: Store
  moderation: ModerationMode
  /** CAUSERIE_MAX_LINKS. */
  maxLinks: number
  blocklist: BlocklistService
}

/**
 * The spam defences a new comment meets: hard ones that refuse it with a clear 422 (too many
 * links, a duplicate), and soft signals that store it as spam rather than lose it.
 */
export function createCommentChecks({
  store,
  moderation,
  maxLinks,
  blocklist,
}: CommentChecksOptions) {
  return {
    /** Refuses text with more links than allowed: links are what spam sells. */
    checkLinks(html: string): void {
      const links = countLinks(html)
      if (links > maxLinks) {
        throw new AppError(
          'too_many_links',
          422,
          `Comment has ${links} links; the limit is ${maxLinks}.`,
          'text',
        )
      }
    },

    /** Refuses the same text twice in a thread (a double submit, or a bot's repeat). */
    async checkDuplicate(threadId: number, text: string): Promise<void> {
      const key = duplicateKey(text)
      const rows = await store.listComments(threadId)
      if (rows.some((row) => row.status !== 'deleted' && duplicateKey(row.text) === key)) {
        throw new AppError(
          'duplicate_comment',
          422,
          'This thread already has a comment with the same text.',
          'text',
        )
      }
    },

    /** The status a new comment starts in: soft signals make spam, the moderation mode holds. */
    async statusFor(candidate: Candidate, isTrapped: boolean): Promise<CommentStatus> {
      if (isTrapped || (await blocklist.isBlocked(candidate))) return 'spam'
      if (moderation === 'all') return 'pending'
      if (moderation === 'first-time') {
        // An author is known by email; without one, by client.
        const author = candidate.email
          ? { email: candidate.email }
          : { clientHash: candidate.clientHash }
        return (await store.hasPublished(author)) ? 'published' : 'pending'
      }
      return 'published'
    },
  }
}

/** Links in rendered comment HTML: what readers would see as links, bare URLs included. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0
}

/** The form two texts share when they say the same thing: "Great post!" and "great  post! ". */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}
