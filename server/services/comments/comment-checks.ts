import type { CommentStatus, ModerationMode } from '../../contract.ts'
import { DomainError } from '../../errors.ts'
import type { CommentRow, Store } from '../../store/store.ts'
import type { BlocklistService, Candidate } from '../moderation/blocklist.ts'

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
        throw new DomainError(
          'too_many_links',
          `Comment has ${links} links; the limit is ${maxLinks}.`,
          'text',
        )
      }
    },

    /**
     * Refuses the same text (by lib/duplicate-key.ts's hash) twice in a thread (a double
     * submit, or a bot's repeat). Only what
     * this client may know is compared: published comments and its own. Were held comments of
     * others compared too, a 422 would tell anyone what waits in the moderation queue.
     */
    async checkDuplicate(
      threadId: number,
      textHash: string,
      clientHashes: readonly string[],
    ): Promise<void> {
      // Every hash the client has had: its own comments from before a key rotation count too.
      for (const clientHash of clientHashes) {
        if (!(await store.hasDuplicate(threadId, textHash, clientHash))) continue
        throw new DomainError(
          'duplicate_comment',
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
        // An author is known by email; without one, by client, under the current or previous key.
        if (candidate.email) {
          return (await store.hasPublished({ email: candidate.email })) ? 'published' : 'pending'
        }
        const { clientHash, previousClientHash } = candidate
        for (const hash of previousClientHash ? [clientHash, previousClientHash] : [clientHash]) {
          if (await store.hasPublished({ clientHash: hash })) return 'published'
        }
        return 'pending'
      }
      return 'published'
    },

    /**
     * The status an author's edit leaves a comment in. An edit never raises it (held stays held,
     * spam stays spam). In moderated modes a published comment goes back to the queue, or an
     * approved harmless text could be edited into spam: always in `all`; in `first-time` unless
     * its author has another published comment, since a new comment of theirs would be
     * published at once too.
     */
    async statusAfterEdit(row: CommentRow, isBlocked: boolean): Promise<CommentStatus> {
      if (isBlocked) return 'spam'
      if (row.status !== 'published' || moderation === 'open') return row.status
      if (moderation === 'all') return 'pending'
      const author = row.email ? { email: row.email } : { clientHash: row.clientHash }
      return (await store.hasPublished(author, row.id)) ? 'published' : 'pending'
    },
  }
}

/** Links in rendered comment HTML: what readers would see as links, bare URLs included. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0
}
