import { atom } from 'nanostores'
import { loadClient } from '../api.ts'
import type { CommentEditor } from '../components/comment-editor.tsx'
import type { CommentForm } from '../components/comment-form.tsx'

/** The components only writing needs. */
export interface WritePath {
  CommentForm: typeof CommentForm
  CommentEditor: typeof CommentEditor
}

/** The write path once downloaded; 'failed' when the download failed (offline, server gone). */
export const $writePath = atom<WritePath | 'failed' | undefined>()

let loading: Promise<void> | undefined

/**
 * Downloads the forms and the HTTP client. Reading needs none of them, so they come after the
 * thread is painted, or when the reader first asks to write (docs/architecture.md, Budgets).
 */
export function loadWritePath(): Promise<void> {
  if (loading) return loading
  $writePath.set(undefined)
  loading = Promise.all([
    import('../components/comment-form.tsx'),
    import('../components/comment-editor.tsx'),
    loadClient(),
  ]).then(
    ([form, editor]) => {
      $writePath.set({ CommentForm: form.CommentForm, CommentEditor: editor.CommentEditor })
    },
    () => {
      loading = undefined
      $writePath.set('failed')
    },
  )
  return loading
}
