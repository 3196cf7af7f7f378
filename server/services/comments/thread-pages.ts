import type { Comment, ThreadSort, VoteMode } from '../../contract.ts'
import { LIMITS } from '../../contract.ts'
import { DomainError } from '../../errors.ts'
import type { PublicCommentRow, ReplyCursor, Store, ThreadRow } from '../../store/store.ts'
import { readReplyCursor, readRootCursor, replyCursor, rootCursor } from './page-cursor.ts'
import { createThreadCache } from './thread-cache.ts'
import { toComment } from './to-comment.ts'

/**
 * Pages whose answers are kept serialised: enough for the first pages of every thread a blog's
 * readers are on at once, and at most 8 M characters (16 MB even in UTF-16) in all.
 */
const PAGE_CACHE = { maxEntries: 2_000, maxChars: 8_000_000 }

/** What a client asks of GET /api/comments, checked by the route. */
export interface PageQuery {
  uri: string
  sort: ThreadSort
  limit: number
  /** A cursor from an earlier page's `next`. */
  after?: string | undefined
  /** Answer the page of top-level comments that starts at the one holding this comment. */
  around?: number | undefined
  /** Answer a page of the replies below this top-level comment. */
  parent?: number | undefined
}

export interface ThreadPagesOptions {
  store: Store
  votes: VoteMode
}

export type ThreadPages = ReturnType<typeof createThreadPages>

/**
 * Reading threads a page at a time. Each page is a few indexed queries from its cursor on, and
 * stops growing at LIMITS.pageChars, so its cost and size do not depend on the thread's size.
 * Answers are cached serialised, keyed by the query and checked against the thread's version,
 * which every change readers could see bumps (from any path or process).
 */
export function createThreadPages({ store, votes }: ThreadPagesOptions) {
  const cache = createThreadCache(PAGE_CACHE)

  /** One page of a thread, serialised: the body of GET /api/comments. */
  async function pageJson(query: PageQuery): Promise<string> {
    const thread = await store.findThread(query.uri)
    if (!thread) {
      if (query.around !== undefined) throw commentNotFound(query.around)
      if (query.parent !== undefined) throw commentNotFound(query.parent)
      return serialise(query, undefined, 0, [], null)
    }
    const key = cacheKey(query)
    const cached = cache.get(key)
    if (cached && cached.threadId === thread.id && cached.version === thread.version) {
      return cached.body
    }
    // Built after reading the version: a write in between leaves a newer body under an older
    // version, which the next read only rebuilds; never an older body under a newer version.
    const body = await build(query, thread)
    cache.set(key, { threadId: thread.id, version: thread.version, body })
    return body
  }

  async function build(query: PageQuery, thread: ThreadRow): Promise<string> {
    const page = new PageBuilder(votes)
    let next: string | null
    if (query.parent !== undefined) {
      const root = await findRoot(thread, query.parent)
      const after = query.after === undefined ? undefined : readReplyCursor(query.after)
      next = await addReplies(page, root.id, after, query.limit, undefined)
    } else {
      next = await addRoots(page, query, thread)
    }
    const total = await store.countThreadPublished(thread.id)
    return serialise(query, thread, total, page.parts, next)
  }

  async function addRoots(page: PageBuilder, query: PageQuery, thread: ThreadRow) {
    const { sort, limit } = query
    let after = query.after === undefined ? undefined : readRootCursor(sort, query.after)
    let target: number | undefined
    if (query.around !== undefined) {
      const { root, comment } = await findAround(thread, query.around)
      // Just before the root in this order, so that the page starts with it.
      after = { ...root, id: root.id + (sort === 'newest' ? 1 : -1) }
      if (comment.id !== root.id) target = comment.id
    }
    const rows = await store.listRoots(thread.id, sort, after, limit + 1)
    const roots = rows.slice(0, limit)
    const replies = await store.countReplies(roots.map((row) => row.id))
    let last: PublicCommentRow | undefined
    for (const root of roots) {
      if (page.isFull()) break
      const count = replies.get(root.id) ?? 0
      page.add(root, count)
      last = root
      if (count === 0) continue
      // Around a reply: its conversation up to it, as far as one page allows.
      const shown = target === undefined ? LIMITS.repliesPreview : LIMITS.pageMax
      await addReplies(page, root.id, undefined, shown, target)
      target = undefined
    }
    const hasMore = rows.length > limit || (last !== undefined && last !== roots.at(-1))
    return hasMore && last ? rootCursor(sort, last) : null
  }

  /** Adds replies below `rootId`; with `until`, stops after that one. Answers the next cursor. */
  async function addReplies(
    page: PageBuilder,
    rootId: number,
    after: ReplyCursor | undefined,
    limit: number,
    until: number | undefined,
  ): Promise<string | null> {
    const rows = await store.listReplies(rootId, after, limit + 1)
    let last: PublicCommentRow | undefined
    for (const row of rows.slice(0, limit)) {
      if (page.isFull()) break
      page.add(row)
      last = row
      if (row.id === until) break
    }
    const hasMore = rows.length > limit || (last !== undefined && last !== rows.at(-1))
    return hasMore && last ? replyCursor(last) : null
  }

  /** The visible top-level comment `id` of this thread; else not found, as `asked`. */
  async function findRoot(thread: ThreadRow, id: number, asked = id) {
    const row = await store.findComment(id)
    if (!row || row.threadId !== thread.id || !row.visible || row.parentId !== null) {
      throw commentNotFound(asked)
    }
    return row
  }

  async function findAround(thread: ThreadRow, id: number) {
    const comment = await store.findComment(id)
    if (!comment || comment.threadId !== thread.id || !comment.visible) throw commentNotFound(id)
    const root =
      // Named by the id asked for: the error must not point at a comment out of sight.
      comment.rootId === null ? comment : await findRoot(thread, comment.rootId, id)
    return { root, comment }
  }

  function serialise(
    query: PageQuery,
    thread: ThreadRow | undefined,
    total: number,
    parts: readonly string[],
    next: string | null,
  ): string {
    // Built from the comments' own serialisations: each is stringified once, as it is measured.
    const head = JSON.stringify({ uri: query.uri, total })
    const tail = JSON.stringify({
      next,
      sort: query.sort,
      votes,
      ...(thread?.closedAt != null ? { closed: true } : {}),
    })
    return `${head.slice(0, -1)},"comments":[${parts.join(',')}],${tail.slice(1)}`
  }

  return { pageJson }
}

/** Comments of one page, serialised one by one, and how many characters they add up to. */
class PageBuilder {
  readonly parts: string[] = []
  private chars = 0

  constructor(private readonly votes: VoteMode) {}

  add(row: PublicCommentRow, replies?: number): void {
    const comment: Comment = toComment(row)
    // A placeholder shows nothing of what was said, votes included.
    if (this.votes !== 'off' && row.status !== 'deleted')
      comment.score = { up: row.up, down: row.down }
    if (replies !== undefined) comment.replies = replies
    const json = JSON.stringify(comment)
    this.parts.push(json)
    this.chars += json.length + 1
  }

  /** A page always holds one comment, however long: LIMITS.pageChars bounds the rest. */
  isFull(): boolean {
    return this.chars >= LIMITS.pageChars
  }
}

function cacheKey(query: PageQuery): string {
  const { uri, sort, limit, after, around, parent } = query
  return JSON.stringify([uri, sort, limit, after ?? null, around ?? null, parent ?? null])
}

function commentNotFound(id: number): DomainError {
  return new DomainError('comment_not_found', `Comment ${id} is not in this thread.`)
}
