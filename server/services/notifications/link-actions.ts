import { DomainError } from '../../errors.ts'
import type { Store } from '../../store/store.ts'
import type { ModerationService } from '../moderation/moderation.ts'
import {
  commentVersion,
  isModerationClaim,
  LINK_LIFETIME_MS,
  type LinkClaim,
  type LinkKind,
  readLink,
} from './mail-links.ts'
import { linkKey } from './notify.ts'

export interface LinkActionsOptions {
  store: Store
  now: () => number
  secret: () => Promise<Buffer>
  moderation: ModerationService
}

/** What a link's page shows before the click, and what the click did. */
export interface LinkOutcome {
  kind: LinkKind
  /** The comment a moderation link acts on: who wrote it, and its first words. */
  comment?: { name: string; excerpt: string; status: string }
  email?: string
}

export type LinkActions = ReturnType<typeof createLinkActions>

/**
 * The one-click links of the mails. Opening a link (GET) only reads it; the action takes the
 * POST of the page's button, so that mail scanners which follow links change nothing.
 */
export function createLinkActions({ store, now, secret, moderation }: LinkActionsOptions) {
  /** Reads a link; an Approve link whose comment was edited since its mail is stale (409). */
  async function read(
    key: Buffer,
    token: string | undefined,
    kinds: readonly LinkKind[],
  ): Promise<LinkClaim> {
    const claim = readLink(key, token, kinds, now())
    if (claim.kind === 'approve') {
      const comment = await moderation.getComment(claim.commentId)
      if (commentVersion(comment.text) !== claim.version) {
        throw new DomainError(
          'link_stale',
          'This comment was changed after the mail was sent, so this link cannot approve it. Review it in the admin panel.',
        )
      }
    }
    return claim
  }

  async function describe(claim: LinkClaim): Promise<LinkOutcome> {
    if (isModerationClaim(claim)) {
      const comment = await moderation.getComment(claim.commentId)
      const flat = comment.text.replace(/\s+/g, ' ').trim()
      return {
        kind: claim.kind,
        comment: {
          name: comment.author.name || 'Anonymous',
          excerpt: flat.length > 200 ? `${flat.slice(0, 199)}…` : flat,
          status: comment.status,
        },
      }
    }
    return { kind: claim.kind, email: claim.email }
  }

  return {
    /** Checks a link of one of `kinds` and describes it, changing nothing. */
    async inspect(token: string | undefined, kinds: readonly LinkKind[]): Promise<LinkOutcome> {
      return describe(await read(await linkKey(secret), token, kinds))
    },

    /** Does what a link of one of `kinds` says; approve and delete links work once. */
    async act(token: string | undefined, kinds: readonly LinkKind[]): Promise<LinkOutcome> {
      // The key before the transaction: it must not wait on work that waits for the store.
      const key = await linkKey(secret)
      // Checking the link, spending its nonce and acting: one commit, or nothing at all.
      const claim = await store.transaction(async (tx) => {
        const claim = await read(key, token, kinds)
        const time = now()
        if (isModerationClaim(claim)) {
          await tx.pruneLinkNonces(time - LINK_LIFETIME_MS)
          if (!(await tx.useLinkNonce(claim.nonce, time))) {
            throw new DomainError(
              'link_used',
              'This link was used already; each mail’s links work once.',
            )
          }
          const status = claim.kind === 'approve' ? 'published' : 'deleted'
          await moderation.updateComment(claim.commentId, { status })
        } else {
          const status = claim.kind === 'confirm' ? 'confirmed' : 'unsubscribed'
          const existing = await tx.findSubscriber(claim.email)
          await tx.saveSubscriber({
            email: claim.email,
            status,
            confirmSentAt: existing?.confirmSentAt ?? null,
            updatedAt: time,
          })
        }
        return claim
      })
      return describe(claim)
    },
  }
}
