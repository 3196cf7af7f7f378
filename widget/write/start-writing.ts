import type { WritePath } from '../stores/write-path.ts'
import { CommentEditor } from './components/comment-editor.tsx'
import { CommentForm } from './components/comment-form.tsx'
import { loadIdentity } from './stores/identity.ts'

/**
 * The write chunk's entry, which stores/write-path.ts downloads after the thread is painted:
 * readies what only writing needs (the identity remembered on this site) and hands over the forms.
 */
export function startWriting(): WritePath {
  loadIdentity()
  return { CommentForm, CommentEditor }
}
