import { atom } from 'nanostores'
import type { Comment, Score, ThreadResponse, ThreadSort, VoteMode } from '../../server/contract.ts'
import { listComments, readResponse, type ThreadQuery } from '../api.ts'
import { type ApiError, toApiError } from '../lib/api-error.ts'
import { readSort, rememberSort } from '../lib/sort-preference.ts'
import { announce } from './announcement.ts'
import { $settings } from './settings.ts'

export interface ThreadState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /**
   * Flat, in the order shown: each top-level comment (in `sort` order) followed by its replies
   * (oldest first), as the server sends its pages.
   */
  comments: Comment[]
  /** Published comments, as the server counts them. */
  total: number
  /** Why the thread, or when `status` is ready, a linked comment or a new order, failed to load. */
  error?: ApiError
  /** A comment to scroll to and focus once it is painted: just posted, linked or loaded. */
  focusId?: number
  /** The owner closed the thread to new comments. */
  closed?: boolean
  sort?: ThreadSort
  /** What voting the server allows; none until it says. */
  votes?: VoteMode
  /** Cursor of the top-level comments after the last one shown; null or absent at the end. */
  next?: string | null
  /**
   * Comments not loaded between the first page and the page of a linked comment: the cursor that
   * continues the first page, and the top-level comment the gap ends before.
   */
  gap?: { after: string; before: number }
  /** Top-level comment id → cursor for the rest of its replies; null once all are shown. */
  replies?: Record<number, string | null>
  /** The comment the page's address links to (#causerie-comment-ID), highlighted. */
  targetId?: number
}

export const $thread = atom<ThreadState>({ status: 'idle', comments: [], total: 0 })

/**
 * Loads the first page of the thread at `uri`: from `request` when given (the loader started it
 * before this chunk arrived), otherwise from the API, as Retry does. When the page's address
 * links to comment `targetId` and it is not on that page, its own page follows (showAround).
 */
export async function loadThread(
  uri: string,
  request?: Promise<Response>,
  targetId?: number,
): Promise<void> {
  $thread.set({ status: 'loading', comments: [], total: 0 })
  try {
    const page = await (request
      ? readResponse<ThreadResponse>(request)
      : listComments({ uri, sort: readSort() }))
    const shown = page.comments.some(({ id }) => id === targetId)
    $thread.set({ ...firstPage(page), targetId, focusId: shown ? targetId : undefined })
    if (targetId && !shown) await showAround(targetId)
  } catch (error) {
    $thread.set({ status: 'error', comments: [], total: 0, error: toApiError(error) })
  }
}

/** Shows the first page in another order, and keeps the choice for the reader's next visits. */
export async function sortThread(sort: ThreadSort): Promise<void> {
  rememberSort(sort)
  $thread.set({ ...$thread.get(), sort, error: undefined })
  try {
    const page = await listComments({ uri: $settings.get().uri, sort })
    // The reader may have chosen yet another order meanwhile: only the last choice is shown.
    if ($thread.get().sort === sort) $thread.set(firstPage(page))
  } catch (error) {
    $thread.set({ ...$thread.get(), error: toApiError(error) })
  }
}

/** Appends the next page of top-level comments; resolves to the error, if any. */
export async function loadMore(): Promise<ApiError | undefined> {
  const { next, sort } = $thread.get()
  if (!next) return
  try {
    const { added, page } = await unseen({ uri: $settings.get().uri, sort, after: next })
    const state = $thread.get()
    if (state.next !== next) return
    show({ ...state, comments: [...state.comments, ...added], next: page.next, total: page.total })
  } catch (error) {
    return toApiError(error)
  }
}

/** Shows more replies below top-level comment `rootId`; resolves to the error, if any. */
export async function loadReplies(rootId: number): Promise<ApiError | undefined> {
  const { comments, replies } = $thread.get()
  try {
    const after = replies?.[rootId] ?? undefined
    const { added, page } = await unseen(
      { uri: $settings.get().uri, parent: rootId, after },
      comments,
    )
    const state = $thread.get()
    // A new order may have replaced the thread meanwhile; replies without their parent would
    // show as top-level comments.
    if (!state.comments.some(({ id }) => id === rootId)) return
    // Replies go last: the thread tree groups them under their parents, in the order they come.
    show({
      ...state,
      comments: [...state.comments, ...added],
      replies: { ...state.replies, [rootId]: page.next },
    })
  } catch (error) {
    return toApiError(error)
  }
}

/**
 * Loads the comments between the first page and a linked comment's page, in the gap; the gap
 * closes once a page reaches a top-level comment already shown, or the thread's end.
 */
export async function loadGap(): Promise<ApiError | undefined> {
  const { gap, sort } = $thread.get()
  if (!gap) return
  try {
    const page = await listComments({ uri: $settings.get().uri, sort, after: gap.after })
    const state = $thread.get()
    if (state.gap !== gap) return
    const ids = new Set(state.comments.map(({ id }) => id))
    const met = page.comments.findIndex(({ id, parentId }) => parentId === null && ids.has(id))
    const added = page.comments.slice(0, met < 0 ? undefined : met).filter(({ id }) => !ids.has(id))
    const at = state.comments.findIndex(({ id }) => id === gap.before)
    const comments = [...state.comments]
    comments.splice(at < 0 ? comments.length : at, 0, ...added)
    const open = met < 0 && at >= 0 && page.next
    const next = {
      ...state,
      comments,
      total: page.total,
      gap: open ? { ...gap, after: open } : undefined,
    }
    // A last page with nothing new closes the gap and takes its button: focus what came after it.
    show(next, gap.before)
  } catch (error) {
    return toApiError(error)
  }
}

/** Shows a comment the reader just posted, published or held for moderation. */
export function addComment(comment: Comment): void {
  const state = $thread.get()
  const published = comment.status === 'published' ? 1 : 0
  // Newest first, a new top-level comment leads; otherwise it follows what is shown.
  const isFirst = comment.parentId === null && state.sort === 'newest'
  const comments = isFirst ? [comment, ...state.comments] : [...state.comments, comment]
  $thread.set({
    ...state,
    status: 'ready',
    comments: countReply(comments, comment.parentId, published),
    total: state.total + published,
    focusId: comment.id,
  })
}

/** Swaps in the server's new version of a comment, e.g. after an edit. */
export function replaceComment(comment: Comment): void {
  updateComments((old) => (old.id === comment.id ? comment : old))
}

/** Shows a comment's new score, e.g. after a vote. */
export function setScore(id: number, score: Score): void {
  updateComments((old) => (old.id === id ? { ...old, score } : old))
}

/** Takes a deleted comment out; one with replies stays as a placeholder, as the server shows it. */
export function removeComment(id: number): void {
  const state = $thread.get()
  const { comments } = state
  const removed = comments.find((comment) => comment.id === id)
  if (!removed) return
  const placeholder: Comment = { ...removed, status: 'deleted', html: '' }
  const isPublished = removed.status === 'published'
  $thread.set({
    ...state,
    total: state.total - (isPublished ? 1 : 0),
    comments: comments.some((comment) => comment.parentId === id)
      ? comments.map((comment) => (comment === removed ? placeholder : comment))
      : countReply(
          comments.filter((comment) => comment !== removed),
          removed.parentId,
          isPublished ? -1 : 0,
        ),
  })
}

function firstPage({ comments, total, closed, sort, votes, next }: ThreadResponse): ThreadState {
  return { status: 'ready', comments, total, closed, sort, votes, next }
}

/**
 * Shows the page of the linked comment `id` after the first page, with a gap between them when
 * its top-level comment is not shown yet. A deleted comment (404) leaves the first page alone.
 */
async function showAround(id: number): Promise<void> {
  const { sort } = $thread.get()
  try {
    const page = await listComments({ uri: $settings.get().uri, sort, around: id })
    const state = $thread.get()
    const ids = new Set(state.comments.map((comment) => comment.id))
    const root = page.comments.find(({ parentId }) => parentId === null)
    const isAfterGap = root && !ids.has(root.id) && state.next
    // When the page could not hold every reply up to `id`, its top-level comment stands in.
    const targetId = page.comments.some((comment) => comment.id === id) ? id : root?.id
    $thread.set({
      ...state,
      comments: [...state.comments, ...page.comments.filter((comment) => !ids.has(comment.id))],
      next: page.next,
      gap: isAfterGap && root ? { after: isAfterGap, before: root.id } : undefined,
      targetId,
      focusId: targetId,
    })
  } catch (error) {
    const failure = toApiError(error)
    if (failure.code !== 'comment_not_found') $thread.set({ ...$thread.get(), error: failure })
  }
}

/**
 * The comments of the page at `query` not in `shown`, paging on while a page brings none (they
 * may have moved between pages as comments came and went); `added` is empty only at the end.
 */
async function unseen(
  query: ThreadQuery,
  shown = $thread.get().comments,
): Promise<{ added: Comment[]; page: ThreadResponse }> {
  const ids = new Set(shown.map(({ id }) => id))
  for (;;) {
    const page = await listComments(query)
    const added = page.comments.filter(({ id }) => !ids.has(id))
    if (added.length > 0 || !page.next) return { added, page }
    query = { ...query, after: page.next }
  }
}

/** Sets `state`, focusing the first comment it shows that was not shown before, else `fallback`. */
function show(state: ThreadState, fallback?: number): void {
  const before = new Set($thread.get().comments.map(({ id }) => id))
  const added = state.comments.find(({ id }) => !before.has(id))?.id
  $thread.set({ ...state, focusId: added ?? fallback })
  if (added) announce('shown')
}

/** Adds `delta` to the reply count of the top-level comment above `parentId`, if any. */
function countReply(comments: Comment[], parentId: number | null, delta: number): Comment[] {
  const parents = new Map(comments.map((comment) => [comment.id, comment.parentId]))
  let rootId = parentId
  for (let up = rootId && parents.get(rootId); up; up = parents.get(up)) rootId = up
  if (rootId === null || delta === 0) return comments
  return comments.map((comment) =>
    comment.id === rootId && comment.replies !== undefined
      ? { ...comment, replies: comment.replies + delta }
      : comment,
  )
}

function updateComments(update: (comment: Comment) => Comment): void {
  const state = $thread.get()
  $thread.set({ ...state, comments: state.comments.map(update) })
}
