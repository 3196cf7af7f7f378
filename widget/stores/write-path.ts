import { atom } from 'nanostores'
import { loadClient } from '../api.ts'
import type { CommentEditor } from '../write/components/comment-editor.tsx'
import type { CommentForm } from '../write/components/comment-form.tsx'

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
  loading = Promise.all([import('../write/start-writing.ts'), loadClient()]).then(
    ([{ startWriting }]) => {
      $writePath.set(startWriting())
    },
    () => {
      loading = undefined
      $writePath.set('failed')
    },
  )
  return loading
}
