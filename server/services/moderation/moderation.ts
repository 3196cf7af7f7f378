import type {
  AdminComment,
  AdminCommentsResponse,
  AdminStatsResponse,
  AdminThread,
  CommentStatus,
  EraseResponse,
} from '../../contract.ts'
import { DomainError, invalidInput } from '../../errors.ts'
import { duplicateHash } from '../../lib/duplicate-key.ts'
import { renderMarkdown } from '../../lib/render-markdown.ts'
import type { AdminCommentRow, CommentQuery, Store } from '../../store/store.ts'
import type { ClientHasher } from '../client-hasher.ts'
import { newCommentRow } from '../comments/new-comment-row.ts'
import { refreshVisibility } from '../comments/visibility.ts'
import type { Notifier } from '../notifications/notify.ts'
import { toAdminComment, toAdminThread } from './to-admin-comment.ts'

const DAY_MS = 86_400_000
const STATS_DAYS = 30

export interface ModerationServiceOptions {
  store: Store
  now: () => number
  secret: () => Promise<Buffer>
  clientHashes: ClientHasher
  notifier: Notifier
}

export interface CommentChange {
  status?: CommentStatus
  text?: string
}

export interface OwnerReply {
  text: string
  name: string
}

export type ModerationService = ReturnType<typeof createModerationService>

/**
 * The site owner's side: the queue and searches, status changes, edits, replies, threads,
 * stats. Every change runs in one store transaction; a bulk action checks every comment first,
 * then changes all of them or none.
 */
export function createModerationService({
  store,
  now,
  secret,
  clientHashes,
  notifier,
}: ModerationServiceOptions) {
  async function find(tx: Store, id: number): Promise<AdminCommentRow> {
    const row = await tx.findAdminComment(id)
    if (!row) throw new DomainError('comment_not_found', `Comment ${id} does not exist.`)
    return row
  }

  /** Throws unless `change` can apply to `row`: a comment its author deleted stays deleted. */
  function check(row: AdminCommentRow, { status }: CommentChange): void {
    if (
      status !== undefined &&
      status !== 'deleted' &&
      row.status === 'deleted' &&
      row.text === ''
    ) {
      throw invalidInput(
        'status',
        `Comment ${row.id} was deleted by its author; nothing is left to restore.`,
      )
    }
  }

  /** Applies a checked change; a comment that becomes published may notify its parent's author. */
  async function apply(tx: Store, row: AdminCommentRow, change: CommentChange) {
    const { status, text } = change
    const edit =
      text === undefined
        ? {}
        : { text, textHash: duplicateHash(text), html: renderMarkdown(text), editedAt: now() }
    await tx.updateComment(row.id, { ...edit, ...(status === undefined ? {} : { status }) })
    if (status !== undefined && status !== row.status) await refreshVisibility(tx, row.id)
    const updated = await find(tx, row.id)
    if (row.visible || updated.visible) await tx.bumpThreadVersion(row.threadId)
    if (updated.status === 'published' && row.status !== 'published') {
      const thread = await tx.findThreadById(updated.threadId)
      if (thread) await notifier.commentPublished(updated, thread)
    }
    return toAdminComment(updated)
  }

  return {
    /** A page of comments across threads; `next` is the cursor of the following page. */
    async listComments(query: CommentQuery): Promise<AdminCommentsResponse> {
      const rows = await store.searchComments({ ...query, limit: query.limit + 1 })
      const page = rows.slice(0, query.limit)
      const next = rows.length > query.limit ? (page.at(-1)?.id ?? null) : null
      return { comments: page.map(toAdminComment), next }
    },

    /** One comment, whatever its status. */
    async getComment(id: number): Promise<AdminComment> {
      return toAdminComment(await find(store, id))
    },

    /** Changes the status or the text of a comment; deleting keeps the text, so it can be undone. */
    async updateComment(id: number, change: CommentChange): Promise<AdminComment> {
      // The secret before the transaction: approving queues mails with signed links.
      await secret()
      return store.transaction(async (tx) => {
        const row = await find(tx, id)
        check(row, change)
        return apply(tx, row, change)
      })
    },

    /** Sets the status of many comments: all of them, or none if any cannot change. */
    async bulkStatus(ids: readonly number[], status: CommentStatus): Promise<AdminComment[]> {
      await secret()
      return store.transaction(async (tx) => {
        const rows: AdminCommentRow[] = []
        for (const id of ids) rows.push(await find(tx, id))
        for (const row of rows) check(row, { status })
        const changed: AdminComment[] = []
        for (const row of rows) changed.push(await apply(tx, await find(tx, row.id), { status }))
        return changed
      })
    },

    /**
     * Publishes the owner's reply to a comment, marked isOwner; replying to a held comment
     * approves it, since a reply below an invisible comment would hang in the air.
     */
    async reply(parentId: number, reply: OwnerReply, address: string): Promise<AdminComment> {
      // Keys before the transaction: it must not wait on work that itself waits for the store.
      const key = await secret()
      const clientHash = (await clientHashes(address)).current
      return store.transaction(async (tx) => {
        let parent = await find(tx, parentId)
        if (parent.status !== 'published' && parent.status !== 'pending') {
          throw new DomainError(
            'parent_not_found',
            `Comment ${parentId} is ${parent.status}; approve it before replying.`,
            'parentId',
          )
        }
        if (parent.status === 'pending') {
          await apply(tx, parent, { status: 'published' })
          parent = await find(tx, parentId)
        }
        const { row } = newCommentRow(
          {
            threadId: parent.threadId,
            parent,
            text: reply.text,
            name: reply.name,
            email: null,
            website: null,
            clientHash,
            status: 'published',
            createdAt: now(),
            isOwner: true,
          },
          key,
        )
        // The owner edits from the panel; nobody ever holds the token.
        const stored = await tx.insertComment(row)
        await tx.bumpThreadVersion(parent.threadId)
        const thread = await tx.findThreadById(parent.threadId)
        if (thread) await notifier.commentCreated(stored, thread)
        return toAdminComment({ ...stored, uri: parent.uri, threadTitle: parent.threadTitle })
      })
    },

    /**
     * Erases everything tied to an address in one transaction (Store.eraseEmail): a reader's
     * right to erasure, done by the owner in one action.
     */
    async eraseEmail(email: string): Promise<EraseResponse> {
      const { touched, ...erased } = await store.transaction(async (tx) => {
        const counts = await tx.eraseEmail(email, duplicateHash(''))
        for (const id of counts.touched.commentIds) await refreshVisibility(tx, id)
        for (const id of counts.touched.threadIds) await tx.bumpThreadVersion(id)
        return counts
      })
      await store.flushErasure()
      return { erased }
    },

    /** Threads, latest comment first, with their counts by status. */
    async listThreads(limit: number, offset: number): Promise<AdminThread[]> {
      return (await store.listThreads(limit, offset)).map(toAdminThread)
    },

    /** Closes a thread to new comments, or opens it again; a thread unknown so far is created. */
    async setThreadClosed(uri: string, isClosed: boolean): Promise<AdminThread> {
      const time = now()
      const summary = await store.transaction(async (tx) => {
        const thread = await tx.setThreadClosed(uri, isClosed ? time : null, time)
        await tx.bumpThreadVersion(thread.id)
        return tx.findThreadSummary(thread.id)
      })
      if (!summary) throw new DomainError('not_found', `There is no thread ${uri}.`)
      return toAdminThread(summary)
    },

    /** Comments per UTC day over the last 30 days (today included), and totals by status. */
    async stats(): Promise<AdminStatsResponse> {
      const today = Math.floor(now() / DAY_MS)
      const first = today - STATS_DAYS + 1
      const [byDay, counts] = await Promise.all([
        store.countByDay(first * DAY_MS),
        store.countByStatus(),
      ])
      const days = Array.from({ length: STATS_DAYS }, (_, index) => {
        const day = first + index
        const found = byDay.find((row) => row.day === day)
        return {
          date: new Date(day * DAY_MS).toISOString().slice(0, 10),
          comments: found?.comments ?? 0,
          spam: found?.spam ?? 0,
        }
      })
      return { days, counts }
    },
  }
}
