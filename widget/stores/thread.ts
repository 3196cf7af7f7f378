import { atom } from 'nanostores'
import type { Comment, ThreadResponse } from '../../server/contract.ts'
import { type ApiError, listComments, readResponse, toApiError } from '../api.ts'

export interface ThreadState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Oldest first, flat, as the server sends them. */
  comments: Comment[]
  /** Published comments, as the server counts them. */
  total: number
  error?: ApiError
  /** The comment the reader just posted: scrolled to and focused once it is painted. */
  focusId?: number
  /** The owner closed the thread to new comments. */
  closed?: boolean
}

export const $thread = atom<ThreadState>({ status: 'idle', comments: [], total: 0 })

/**
 * Loads the thread at `uri`: from `request` when given (the loader started it before this chunk
 * arrived), otherwise from the API, as Retry does.
 */
export async function loadThread(uri: string, request?: Promise<Response>): Promise<void> {
  $thread.set({ status: 'loading', comments: [], total: 0 })
  try {
    const { comments, total, closed } = await (request
      ? readResponse<ThreadResponse>(request)
      : listComments(uri))
    $thread.set({ status: 'ready', comments, total, closed })
  } catch (error) {
    $thread.set({ status: 'error', comments: [], total: 0, error: toApiError(error) })
  }
}

/** Shows a comment the reader just posted, published or held for moderation. */
export function addComment(comment: Comment): void {
  const { comments, total } = $thread.get()
  const published = comment.status === 'published' ? 1 : 0
  $thread.set({
    status: 'ready',
    comments: [...comments, comment],
    total: total + published,
    focusId: comment.id,
  })
}

/** Swaps in the server's new version of a comment, e.g. after an edit. */
export function replaceComment(comment: Comment): void {
  updateComments((old) => (old.id === comment.id ? comment : old))
}

/** Takes a deleted comment out; one with replies stays as a placeholder, as the server shows it. */
export function removeComment(id: number): void {
  const state = $thread.get()
  const { comments } = state
  const removed = comments.find((comment) => comment.id === id)
  if (!removed) return
  const placeholder: Comment = { ...removed, status: 'deleted', html: '' }
  $thread.set({
    ...state,
    total: state.total - (removed.status === 'published' ? 1 : 0),
    comments: comments.some((comment) => comment.parentId === id)
      ? comments.map((comment) => (comment === removed ? placeholder : comment))
      : comments.filter((comment) => comment !== removed),
  })
}

function updateComments(update: (comment: Comment) => Comment): void {
  const state = $thread.get()
  $thread.set({ ...state, comments: state.comments.map(update) })
}
