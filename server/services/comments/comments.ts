import type { Config } from '../../config.ts'
import type { Comment, CreatedResponse } from '../../contract.ts'
import { DomainError } from '../../errors.ts'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { renderMarkdown } from '../../lib/render-markdown.ts'
import type { CommentRow, Store } from '../../store/store.ts'
import { type ClientHasher, hashList } from '../client-hasher.ts'
import type { BlocklistService } from '../moderation/blocklist.ts'
import type { Notifier } from '../notifications/notify.ts'
import { createCommentChecks } from './comment-checks.ts'
import { tokenMatches } from './comment-token.ts'
import { newCommentRow } from './new-comment-row.ts'
import { isoTime, toComment } from './to-comment.ts'
import { refreshVisibility } from './visibility.ts'

export interface CommentServiceOptions {
  store: Store
  config: Pick<Config, 'editMinutes' | 'moderation' | 'maxLinks'>
  /** Epoch ms; tests pass a fake clock to cross the edit window without sleeping. */
  now: () => number
  secret: () => Promise<Buffer>
  /** Queues the mails and webhook calls of a new or edited comment. */
  notifier: Notifier
  blocklist: BlocklistService
  /** Hashes client addresses under the rotating keys. */
  clientHashes: ClientHasher
}

export type { NewCommentInput }

/** A new comment's fields once checked and normalised; absent optional fields are null or ''. */
interface NewCommentInput {
  uri: string
  text: string
  parentId: number | null
  name: string
  email: string | null
  website: string | null
  title: string | null
  /** Mail the author about replies (double opt-in); absent means no. */
  notify?: boolean
  /** The honeypot was filled: a bot. Absent means it was left empty. */
  isTrapped?: boolean
}

/** Who sent a request, as far as the server can tell; only its keyed hash is stored. */
export interface Client {
  address: string
}

export type CommentService = ReturnType<typeof createCommentService>

/**
 * The readers' use cases: posting, editing, deleting, counting. Each runs in one store
 * transaction, so that a failure half-way (a full disk, a crash) leaves nothing half-done.
 */
export function createCommentService(options: CommentServiceOptions) {
  const { store, config, now, secret, notifier, blocklist, clientHashes } = options
  const editWindowMs = config.editMinutes * 60_000
  const { checkLinks, checkDuplicate, statusFor, statusAfterEdit } = createCommentChecks({
    store,
    moderation: config.moderation,
    maxLinks: config.maxLinks,
    blocklist,
  })

  /** Finds a comment its author may still change, or throws why not. */
  async function authorize(tx: Store, id: number, token: string): Promise<CommentRow> {
    const row = await tx.findComment(id)
    if (!row || row.status === 'deleted') throw commentNotFound(id)
    if (!tokenMatches(token, row.tokenHash)) {
      throw new DomainError('token_invalid', 'This token does not belong to this comment.')
    }
    if (now() >= row.createdAt + editWindowMs) {
      throw new DomainError(
        'edit_window_closed',
        `Comments can only be changed for ${config.editMinutes} minutes.`,
      )
    }
    return row
  }

  /** The parent of a reply: a comment readers can see in the same thread, placeholders included. */
  async function findParent(tx: Store, parentId: number, threadId: number | undefined) {
    const parent = await tx.findComment(parentId)
    if (!parent || parent.threadId !== threadId || !parent.visible) {
      throw new DomainError(
        'parent_not_found',
        `Comment ${parentId} does not exist in this thread.`,
        'parentId',
      )
    }
    return parent
  }

  return {
    /**
     * Stores a new comment and answers it with the author's edit token (shown only this once).
     * Spam is stored, never lost, and answered as if held, so that a bot learns nothing.
     */
    async createComment(input: NewCommentInput, client: Client): Promise<CreatedResponse> {
      const html = renderMarkdown(input.text)
      checkLinks(html)
      // Keys before the transaction: it must not wait on work that itself waits for the store.
      const key = await secret()
      const hashes = await clientHashes(client.address)
      const created = await store.transaction(async (tx) => {
        const existing = await tx.findThread(input.uri)
        const parent =
          input.parentId === null ? null : await findParent(tx, input.parentId, existing?.id)
        if (existing && existing.closedAt !== null) {
          throw new DomainError('thread_closed', 'This thread is closed to new comments.')
        }
        if (existing) await checkDuplicate(existing.id, duplicateHash(input.text), hashList(hashes))
        const candidate = {
          ...input,
          clientHash: hashes.current,
          previousClientHash: hashes.previous,
        }
        const status = await statusFor(candidate, input.isTrapped === true)
        const createdAt = now()
        const thread = await tx.upsertThread(input.uri, input.title, createdAt)
        const { row, token } = newCommentRow(
          {
            ...input,
            threadId: thread.id,
            parent,
            html,
            clientHash: hashes.current,
            status,
            createdAt,
          },
          key,
        )
        const stored = await tx.insertComment(row)
        if (stored.visible) {
          if (parent) await refreshVisibility(tx, parent.id)
          await tx.bumpThreadVersion(thread.id)
        }
        // Queued in the same transaction, sent later: a dead mail server never slows this.
        await notifier.commentCreated(stored, thread)
        return { row: stored, token }
      })
      const { row, token } = created
      const shown = row.status === 'spam' ? { ...row, status: 'pending' as const } : row
      return {
        comment: toComment(shown),
        token,
        editableUntil: isoTime(row.createdAt + editWindowMs),
      }
    },

    /**
     * Replaces the text of a comment while its edit window and its thread are open. In moderated
     * modes the edit may send a published comment back to the queue (statusAfterEdit), and the
     * owner is told of what waits.
     */
    async editComment(id: number, token: string, text: string): Promise<Comment> {
      const html = renderMarkdown(text)
      // The secret before the transaction: an edit held again queues a mail with signed links.
      await secret()
      const row = await store.transaction(async (tx) => {
        const before = await authorize(tx, id, token)
        const thread = await tx.findThreadById(before.threadId)
        // Deleting stays allowed: taking one's words back adds nothing to a closed thread.
        if (!thread || thread.closedAt !== null) {
          throw new DomainError(
            'thread_closed',
            'This thread is closed; its comments can no longer be edited.',
          )
        }
        checkLinks(html)
        // Clean text first, then an edit to sell something: the blocklist sees edits too.
        const isBlocked = await blocklist.isBlocked({ ...before, text })
        const status = await statusAfterEdit(before, isBlocked)
        const textHash = duplicateHash(text)
        const after = await tx.updateComment(id, { text, textHash, html, editedAt: now(), status })
        if (!after) throw commentNotFound(id)
        if (after.status !== before.status) await refreshVisibility(tx, id)
        // Always: visibility may have moved up the conversation, not only on this comment.
        await tx.bumpThreadVersion(thread.id)
        // Held again, or held with another text: the owner's mail is sent anew, with fresh links.
        await notifier.commentEdited(before, after, thread)
        return after
      })
      return toComment(row.status === 'spam' ? { ...row, status: 'pending' } : row)
    },

    /** Deletes a comment and wipes what its author wrote; replies keep it as a placeholder. */
    async deleteComment(id: number, token: string): Promise<void> {
      await store.transaction(async (tx) => {
        const before = await authorize(tx, id, token)
        await tx.updateComment(id, {
          status: 'deleted',
          text: '',
          textHash: duplicateHash(''),
          html: '',
          name: '',
          email: null,
          website: null,
        })
        await refreshVisibility(tx, id)
        // Always: a deleted comment with a visible reply becomes a placeholder, even one that was
        // hidden as spam (found in review: the cached page kept the old state).
        await tx.bumpThreadVersion(before.threadId)
      })
    },

    /** Renders text exactly as a posted comment would be, storing nothing. */
    preview(text: string): string {
      return renderMarkdown(text)
    },

    /** Published comments per thread, by normalised key; keys without comments are absent. */
    async counts(uris: readonly string[]): Promise<Map<string, number>> {
      return store.countPublished(uris)
    },
  }
}

function commentNotFound(id: number): DomainError {
  return new DomainError('comment_not_found', `Comment ${id} does not exist.`)
}
