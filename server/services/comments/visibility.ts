import type { Store } from '../../store/store.ts'

/**
 * Keeps CommentRow.visible true exactly for what readers see: published comments, and deleted
 * ones with a visible reply directly below (placeholders that keep a conversation's shape).
 * Call it, inside the use case's transaction, for a comment whose status changed or that was
 * just inserted or removed (pass its parent then). Only deleted comments can change visibility
 * through their replies, so the walk up stops at the first comment that does not change:
 * it costs one or two queries per level of deleted ancestors, never a read of the thread.
 */
export async function refreshVisibility(store: Store, id: number): Promise<void> {
  let row = await store.findComment(id)
  // A chain of parent links that loops (a corrupt database) must not loop here.
  const seen = new Set<number>()
  while (row && !seen.has(row.id)) {
    seen.add(row.id)
    const isVisible =
      row.status === 'published' ||
      (row.status === 'deleted' && (await store.hasVisibleChild(row.id)))
    if (isVisible === row.visible) return
    await store.updateComment(row.id, { visible: isVisible })
    row = row.parentId === null ? undefined : await store.findComment(row.parentId)
  }
}
