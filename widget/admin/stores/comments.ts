import { atom } from 'nanostores'
import type { AdminComment, CommentStatus } from '../../../server/contract.ts'
import type { ApiError } from '../../lib/api-error.ts'
import {
  type CommentQuery,
  getComment,
  listComments,
  replyAsOwner,
  setStatuses,
  updateComment,
} from '../api.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { report, tell } from './notice.ts'
import { rememberOwnerName } from './owner-name.ts'
import { failed } from './session.ts'
import { loadStats } from './stats.ts'

export interface CommentsState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** What the list shows; a comment that stops matching it leaves the list. */
  query: CommentQuery
  /** In the server's order: by id, oldest first in the queue, newest first elsewhere. */
  comments: AdminComment[]
  /** Cursor of the next page; null at the end. */
  next: number | null
  isLoadingMore?: boolean
  error?: ApiError
}

export const $comments = atom<CommentsState>({
  status: 'idle',
  query: {},
  comments: [],
  next: null,
})

/** Ids of the comments ticked for a bulk action, among those listed. */
export const $selection = atom<number[]>([])

/** Bumped by every new list: an answer for an older one is dropped. */
let generation = 0

/** Lists the comments that match `query`, first page. */
export async function loadComments(query: CommentQuery): Promise<void> {
  const current = ++generation
  $comments.set({ status: 'loading', query, comments: [], next: null })
  $selection.set([])
  try {
    const { comments, next } = await listComments(query)
    if (current === generation) $comments.set({ status: 'ready', query, comments, next })
  } catch (error) {
    if (current !== generation) return
    $comments.set({ status: 'error', query, comments: [], next: null, error: failed(error) })
  }
}

/** Appends the next page. */
export async function loadMore(): Promise<void> {
  const state = $comments.get()
  if (state.status !== 'ready' || state.next === null || state.isLoadingMore) return
  const current = generation
  $comments.set({ ...state, isLoadingMore: true })
  try {
    const page = await listComments(state.query, state.next)
    if (current !== generation) return
    const shown = $comments.get()
    const known = new Set(shown.comments.map((comment) => comment.id))
    $comments.set({
      ...shown,
      isLoadingMore: false,
      comments: [...shown.comments, ...page.comments.filter((comment) => !known.has(comment.id))],
      next: page.next,
    })
  } catch (error) {
    if (current === generation) $comments.set({ ...$comments.get(), isLoadingMore: false })
    report(error)
  }
}

export function toggleSelected(id: number): void {
  const selection = $selection.get()
  $selection.set(
    selection.includes(id) ? selection.filter((other) => other !== id) : [...selection, id],
  )
}

/** Ticks every listed comment, or none when all are ticked already. */
export function toggleAll(): void {
  const ids = $comments.get().comments.map((comment) => comment.id)
  $selection.set($selection.get().length === ids.length ? [] : ids)
}

export function clearSelection(): void {
  $selection.set([])
}

const DONE: Record<CommentStatus, (t: AdminMessages, count: number) => string> = {
  published: (t, n) => t.approved(n),
  spam: (t, n) => t.spammed(n),
  deleted: (t, n) => t.deleted(n),
  pending: (t, n) => t.restored(n),
}

/**
 * Gives comments a new status (Approve, Spam, Delete, alone or in bulk), with an Undo that gives
 * each its own status back.
 */
export async function changeStatus(ids: number[], status: CommentStatus): Promise<void> {
  const previous = new Map<number, CommentStatus>()
  for (const comment of $comments.get().comments) {
    if (ids.includes(comment.id)) previous.set(comment.id, comment.status)
  }
  try {
    const [only] = ids
    const changed =
      ids.length === 1 && only !== undefined
        ? [await updateComment(only, { status })]
        : await setStatuses(ids, status)
    merge(changed)
    $selection.set($selection.get().filter((id) => !ids.includes(id)))
    const listed = generation
    tell(
      (t) => DONE[status](t, changed.length),
      () => restore(previous, listed),
    )
  } catch (error) {
    report(error)
  }
  void loadStats()
}

/** Undo: each comment gets its old status back, and its place in the list if it is still shown. */
async function restore(previous: Map<number, CommentStatus>, listed: number): Promise<void> {
  const byStatus = new Map<CommentStatus, number[]>()
  for (const [id, status] of previous) byStatus.set(status, [...(byStatus.get(status) ?? []), id])
  try {
    const restored: AdminComment[] = []
    for (const [status, ids] of byStatus) restored.push(...(await setStatuses(ids, status)))
    merge(restored, listed === generation ? new Set(previous.keys()) : undefined)
    tell((t) => t.restored(restored.length))
  } catch (error) {
    report(error)
  }
  void loadStats()
}

/** Replaces the text of a comment; resolves to the error, if any. */
export async function editText(id: number, text: string): Promise<ApiError | undefined> {
  try {
    merge([await updateComment(id, { text })])
    tell((t) => t.updated)
  } catch (error) {
    return failed(error)
  }
}

/** Publishes the owner's reply; replying approves a held comment. Resolves to the error, if any. */
export async function reply(id: number, text: string, name: string): Promise<ApiError | undefined> {
  try {
    const answer = await replyAsOwner(id, text, name)
    rememberOwnerName(name)
    const parent = await getComment(id)
    const { query } = $comments.get()
    const shows =
      (query.status === undefined || query.status === 'published') &&
      (query.uri === undefined || query.uri === answer.uri) &&
      !query.q
    merge([parent, answer], shows ? new Set([answer.id]) : undefined)
    tell((t) => t.replied)
  } catch (error) {
    return failed(error)
  }
  void loadStats()
}

/**
 * Puts the server's new versions of comments into the list: in place, or out of it when they no
 * longer match its status filter. Those in `insert` are added where the server's order puts them.
 */
function merge(changed: AdminComment[], insert?: Set<number>): void {
  const state = $comments.get()
  const byId = new Map(changed.map((comment) => [comment.id, comment]))
  const { status } = state.query
  const fits = (comment: AdminComment) => status === undefined || comment.status === status
  const known = new Set(state.comments.map((comment) => comment.id))
  const added = changed.filter((comment) => insert?.has(comment.id) && !known.has(comment.id))
  const comments = [...state.comments.map((comment) => byId.get(comment.id) ?? comment), ...added]
    .filter(fits)
    .sort(status === 'pending' ? (a, b) => a.id - b.id : (a, b) => b.id - a.id)
  $comments.set({ ...state, comments })
  // The whole page was moderated away, and more wait behind it: show them.
  if (comments.length === 0 && state.next !== null) void loadComments(state.query)
}
