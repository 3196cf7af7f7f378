import type {
  AdminComment,
  AdminCommentsResponse,
  AdminStatsResponse,
  AdminThread,
  CommentStatus,
  EraseResponse,
} from '../contract.ts'
import { DomainError, invalidInput } from '../errors.ts'
import { renderMarkdown } from '../lib/render-markdown.ts'
import type { AdminCommentRow, CommentQuery, StatusCountRow, Store } from '../store/store.ts'
import { avatarSeed } from './avatar-seed.ts'
import type { ClientHasher } from './client-hasher.ts'
import { createToken } from './comment-token.ts'
import type { Notifier } from './notify.ts'
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

/** The site owner's side: the queue and searches, status changes, edits, replies, threads, stats. */
export function createModerationService({
  store,
  now,
  secret,
  clientHashes,
  notifier,
}: ModerationServiceOptions) {
  async function find(id: number): Promise<AdminCommentRow> {
    const row = await store.findAdminComment(id)
    if (!row) throw new DomainError('comment_not_found', `Comment ${id} does not exist.`)
    return row
  }

  /** Applies a change; a comment that becomes published may notify its parent's author. */
  async function change(
    row: AdminCommentRow,
    { status, text }: CommentChange,
  ): Promise<AdminComment> {
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
    const edit = text === undefined ? {} : { text, html: renderMarkdown(text), editedAt: now() }
    await store.updateComment(row.id, { ...edit, ...(status === undefined ? {} : { status }) })
    const updated = await find(row.id)
    if (updated.status === 'published' && row.status !== 'published') {
      const thread = await store.findThread(updated.uri)
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
      return toAdminComment(await find(id))
    },

    /** Changes the status or the text of a comment; deleting keeps the text, so it can be undone. */
    async updateComment(id: number, patch: CommentChange): Promise<AdminComment> {
      return change(await find(id), patch)
    },

    /** Sets the status of many comments; nothing changes unless every id exists. */
    async bulkStatus(ids: readonly number[], status: CommentStatus): Promise<AdminComment[]> {
      const rows = await Promise.all(ids.map(find))
      const changed: AdminComment[] = []
      for (const row of rows) changed.push(await change(row, { status }))
      return changed
    },

    /**
     * Publishes the owner's reply to a comment, marked isOwner; replying to a held comment
     * approves it, since a reply below an invisible comment would hang in the air.
     */
    async reply(parentId: number, reply: OwnerReply, address: string): Promise<AdminComment> {
      const parent = await find(parentId)
      if (parent.status !== 'published' && parent.status !== 'pending') {
        throw new DomainError(
          'parent_not_found',
          `Comment ${parentId} is ${parent.status}; approve it before replying.`,
          'parentId',
        )
      }
      if (parent.status === 'pending') await change(parent, { status: 'published' })
      const key = await secret()
      const clientHash = (await clientHashes(address)).current
      const createdAt = now()
      const row = await store.insertComment({
        threadId: parent.threadId,
        parentId,
        text: reply.text,
        html: renderMarkdown(reply.text),
        name: reply.name,
        email: null,
        website: null,
        avatar: avatarSeed(key, { name: reply.name, email: null, clientHash: 'owner' }),
        clientHash,
        // The owner edits from the panel; nobody ever holds this token.
        tokenHash: createToken().tokenHash,
        status: 'published',
        createdAt,
        editedAt: null,
        isOwner: true,
      })
      const thread = await store.findThread(parent.uri)
      if (thread) await notifier.commentCreated(row, thread)
      return toAdminComment({ ...row, uri: parent.uri, threadTitle: parent.threadTitle })
    },

    /**
     * Erases everything tied to an address in one commit (Store.eraseEmail): a reader's right
     * to erasure, done by the owner in one action.
     */
    async eraseEmail(email: string): Promise<EraseResponse> {
      return { erased: await store.eraseEmail(email) }
    },

    /** Threads, latest comment first, with their counts by status. */
    async listThreads(limit: number, offset: number): Promise<AdminThread[]> {
      return (await store.listThreads(limit, offset)).map(toAdminThread)
    },

    /** Closes a thread to new comments, or opens it again; a thread unknown so far is created. */
    async setThreadClosed(uri: string, isClosed: boolean): Promise<AdminThread> {
      const time = now()
      const thread = await store.setThreadClosed(uri, isClosed ? time : null, time)
      const rows = await store.listComments(thread.id)
      const counts: StatusCountRow = { published: 0, pending: 0, spam: 0, deleted: 0 }
      for (const row of rows) counts[row.status] += 1
      const lastCommentAt = rows.reduce<number | null>(
        (last, row) => Math.max(last ?? 0, row.createdAt),
        null,
      )
      return toAdminThread({ ...thread, counts, lastCommentAt })
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
