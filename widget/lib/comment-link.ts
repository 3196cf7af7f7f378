// Links to #causerie-comment-ID point inside the widget's shadow root, where the browser's own
// fragment navigation never looks; these two functions do its job.

const COMMENT_HASH = /^#causerie-comment-\d+$/

/** Click handler for the widget's root: follows in-thread links to a comment. */
export function followCommentLink(event: MouseEvent): void {
  if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const hash = (event.target as Element).closest('a')?.getAttribute('href') ?? ''
  if (focusComment(event.currentTarget as Element, hash)) event.preventDefault()
}

/** Focuses, and so scrolls to, the comment named by `hash`; false when it is not shown. */
export function focusComment(root: Element, hash: string): boolean {
  const target = COMMENT_HASH.test(hash) ? root.querySelector<HTMLElement>(hash) : null
  target?.focus()
  return target !== null
}
