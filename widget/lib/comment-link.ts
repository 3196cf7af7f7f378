// Links to #causerie-comment-ID point inside the widget's shadow root, where the browser's own
// fragment navigation never looks; these functions do its job.

const COMMENT_HASH = /^#causerie-comment-([1-9]\d{0,14})$/

/** The id of the comment a #causerie-comment-ID hash names, if it names one. */
export function commentIdOf(hash: string): number | undefined {
  const match = COMMENT_HASH.exec(hash)
  return match ? Number(match[1]) : undefined
}

/**
 * Copies the address of comment `id` on this page. Where the clipboard is out of reach (a page
 * not served over HTTPS, a refused permission), puts it in the address bar instead; resolves to
 * whether it was copied.
 */
export async function copyCommentLink(id: number): Promise<boolean> {
  const url = `${location.href.split('#')[0]}#causerie-comment-${id}`
  try {
    await navigator.clipboard.writeText(url)
    return true
  } catch {
    history.replaceState(history.state, '', url)
    return false
  }
}

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
