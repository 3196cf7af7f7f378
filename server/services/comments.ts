import type { Config } from '../config.ts'
import type { Comment, CreatedResponse, ThreadResponse } from '../contract.ts'
import { LIMITS } from '../contract.ts'
import { DomainError, invalidInput } from '../errors.ts'
import { renderMarkdown } from '../lib/render-markdown.ts'
import type { CommentRow, Store, ThreadRow } from '../store/store.ts'
import { avatarSeed } from './avatar-seed.ts'
import { type BlocklistService, createBlocklistService } from './blocklist.ts'
import { type ClientHasher, createClientHasher, hashList } from './client-hasher.ts'
import { createCommentChecks } from './comment-checks.ts'
import { createToken, tokenMatches } from './comment-token.ts'
import { type Notifier, SILENT_NOTIFIER } from './notify.ts'
import { createServerSecret } from './server-secret.ts'
import { createThreadCache } from './thread-cache.ts'
import { isoTime, toComment } from './to-comment.ts'
import type { NewCommentInput } from './validate-comment.ts'
import { validateUri } from './validate-comment.ts'
import { visibleComments } from './visible-comments.ts'

/**
 * Threads whose answers are kept serialised: enough for every thread a blog's readers are on at
 * once, and at most 8 M characters (16 MB even in UTF-16) of the 100 MB budget (DESIGN.md).
 */
const THREAD_CACHE = { maxEntries: 500, maxChars: 8_000_000 }

export interface CommentServiceOptions {
  store: Store
  /** maxLinks defaults to CAUSERIE_MAX_LINKS's default, 3. */
  config: Pick<Config, 'editMinutes' | 'moderation'> &
    Partial<Pick<Config, 'maxLinks' | 'clientKeyDays'>>
  /** Epoch ms; tests pass a fake clock to cross the edit window without sleeping. */
  now?: () => number
  secret?: () => Promise<Buffer>
  /** Queues the mails and webhook calls of a new or edited comment; default: none. */
  notifier?: Notifier
  blocklist?: BlocklistService
  /** Hashes client addresses under the rotating keys; default: one over `store`. */
  clientHashes?: ClientHasher
}

/** Who sent a request, as far as the server can tell; only its keyed hash is stored. */
export interface Client {
  address: string
}

export type CommentService = ReturnType<typeof createCommentService>

/** Builds the comment rules over a store: reading threads, posting, editing, deleting, counting. */
export function createCommentService(options: CommentServiceOptions) {
  const { store, config, now = Date.now, secret = createServerSecret(store) } = options
  const { notifier = SILENT_NOTIFIER, blocklist = createBlocklistService(store) } = options
  const clientHashes =
    options.clientHashes ??
    createClientHasher({ store, now, periodDays: config.clientKeyDays ?? 30 })
  const editWindowMs = config.editMinutes * 60_000
  const threadCache = createThreadCache(THREAD_CACHE)
  const { checkLinks, checkDuplicate, statusFor, statusAfterEdit } = createCommentChecks({
    store,
    moderation: config.moderation,
    maxLinks: config.maxLinks ?? 3,
    blocklist,
  })

  /** Finds a comment its author may still change, or throws the matching 4xx. */
  async function authorize(id: number, token: string): Promise<CommentRow> {
    const row = await store.findComment(id)
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

  /** Throws parent_not_found unless `parentId` is a comment readers can see in this thread. */
  async function checkParent(parentId: number, uri: string): Promise<void> {
    const [parent, thread] = await Promise.all([store.findComment(parentId), store.findThread(uri)])
    let isVisible = parent?.status === 'published'
    if (parent && thread && parent.status === 'deleted') {
      const visible = visibleComments(await store.listComments(thread.id))
      isVisible = visible.some((row) => row.id === parent.id)
    }
    if (!parent || !thread || parent.threadId !== thread.id || !isVisible) {
      throw new DomainError(
        'parent_not_found',
        `Comment ${parentId} does not exist in this thread.`,
        'parentId',
      )
    }
  }

  /** Reads a thread's comments; `thread` must have been read first, so its version is not newer. */
  async function buildThread(uri: string, thread: ThreadRow): Promise<ThreadResponse> {
    const rows = await store.listPublicComments(thread.id)
    const total = rows.filter((row) => row.status === 'published').length
    const comments = visibleComments(rows).map(toComment)
    return thread.closedAt === null
      ? { uri, total, comments }
      : { uri, total, comments, closed: true }
  }

  return {
    /** The public thread: visible comments oldest first, and the number of published ones. */
    async listThread(uri: string): Promise<ThreadResponse> {
      const thread = await store.findThread(uri)
      return thread ? buildThread(uri, thread) : { uri, total: 0, comments: [] }
    },

    /**
     * listThread serialised, from the cache while the thread's version in the database is the
     * one the cached answer was built at: every write, from any path or process, bumps it.
     */
    async listThreadJson(uri: string): Promise<string> {
      const thread = await store.findThread(uri)
      if (!thread) return JSON.stringify({ uri, total: 0, comments: [] } satisfies ThreadResponse)
      const cached = threadCache.get(uri)
      if (cached && cached.threadId === thread.id && cached.version === thread.version) {
        return cached.body
      }
      // Built after reading the version: a write in between leaves a newer body under an older
      // version, which the next read only rebuilds; never an older body under a newer version.
      const body = JSON.stringify(await buildThread(uri, thread))
      threadCache.set(uri, { threadId: thread.id, version: thread.version, body })
      return body
    },

    /**
     * Stores a new comment and answers it with the author's edit token (shown only this once).
     * Spam is stored, never lost, and answered as if held, so that a bot learns nothing.
     */
    async createComment(input: NewCommentInput, client: Client): Promise<CreatedResponse> {
      if (input.parentId !== null) await checkParent(input.parentId, input.uri)
      const existing = await store.findThread(input.uri)
      if (existing && existing.closedAt !== null) {
        throw new DomainError('thread_closed', 'This thread is closed to new comments.')
      }
      const html = renderMarkdown(input.text)
      checkLinks(html)
      const key = await secret()
      const hashes = await clientHashes(client.address)
      const clientHash = hashes.current
      if (existing) await checkDuplicate(existing.id, input.text, hashList(hashes))
      const createdAt = now()
      const candidate = { ...input, clientHash, previousClientHash: hashes.previous }
      const status = await statusFor(candidate, input.isTrapped === true)
      const { token, tokenHash } = createToken()
      const thread = await store.upsertThread(input.uri, input.title, createdAt)
      const row = await store.insertComment({
        threadId: thread.id,
        parentId: input.parentId,
        text: input.text,
        html,
        name: input.name,
        email: input.email,
        website: input.website,
        avatar: avatarSeed(key, { ...input, clientHash }),
        clientHash,
        tokenHash,
        status,
        createdAt,
        editedAt: null,
        notify: input.notify === true,
      })
      // Queued in the database before answering, sent later: a dead mail server never slows this.
      await notifier.commentCreated(row, thread)
      const shown = row.status === 'spam' ? { ...row, status: 'pending' as const } : row
      return { comment: toComment(shown), token, editableUntil: isoTime(createdAt + editWindowMs) }
    },

    /**
     * Replaces the text of a comment while its edit window and its thread are open. In moderated
     * modes the edit may send a published comment back to the queue (statusAfterEdit), and the
     * owner is told of what waits.
     */
    async editComment(id: number, token: string, text: string): Promise<Comment> {
      const before = await authorize(id, token)
      const thread = await store.findThreadById(before.threadId)
      // Deleting stays allowed: taking one's words back adds nothing to a closed thread.
      if (thread && thread.closedAt !== null) {
        throw new DomainError(
          'thread_closed',
          'This thread is closed; its comments can no longer be edited.',
        )
      }
      const html = renderMarkdown(text)
      checkLinks(html)
      // Clean text first, then an edit to sell something: the blocklist sees edits too.
      const isBlocked = await blocklist.isBlocked({ ...before, text })
      const status = await statusAfterEdit(before, isBlocked)
      const row = await store.updateComment(id, { text, html, editedAt: now(), status })
      if (!row) throw commentNotFound(id)
      // Held again, or held with another text: the owner's mail is sent anew, with fresh links.
      if (thread) await notifier.commentEdited(before, row, thread)
      return toComment(row.status === 'spam' ? { ...row, status: 'pending' } : row)
    },

    /** Deletes a comment and wipes what its author wrote; replies keep it as a placeholder. */
    async deleteComment(id: number, token: string): Promise<void> {
      await authorize(id, token)
      await store.updateComment(id, {
        status: 'deleted',
        text: '',
        html: '',
        name: '',
        email: null,
        website: null,
      })
    },

    /** Renders text exactly as a posted comment would be, storing nothing. */
    preview(text: string): string {
      return renderMarkdown(text)
    },

    /** Published comments per thread key, keyed by each key as the client sent it. */
    async counts(keys: readonly string[]): Promise<Record<string, number>> {
      if (keys.length > LIMITS.countsMax) {
        throw invalidInput(
          'uri',
          `Ask for at most ${LIMITS.countsMax} threads at once; got ${keys.length}.`,
        )
      }
      const normalised = keys.map((key) => validateUri(key))
      const counts = await store.countPublished([...new Set(normalised)])
      // fromEntries defines own properties, so even a key named "__proto__" comes back as sent.
      return Object.fromEntries(
        keys.map((key, index) => [key, counts.get(normalised[index] ?? '') ?? 0]),
      )
    },
  }
}

function commentNotFound(id: number): DomainError {
  return new DomainError('comment_not_found', `Comment ${id} does not exist.`)
}
