import type { CommentRow } from '../store/store.ts'

/**
 * What readers see of a thread: published comments, plus deleted ones kept as placeholders
 * because a published reply still hangs below them. Keeps the order of `rows`.
 */
export function visibleComments<Row extends Pick<CommentRow, 'id' | 'parentId' | 'status'>>(
  rows: readonly Row[],
): Row[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  const shown = new Set<number>()
  // Each comment's ancestors are walked once, so a 10,000-reply chain stays linear;
  // this also ends the walk on a (corrupt) cycle of parent links.
  const walked = new Set<number>()
  for (const row of rows) {
    if (row.status !== 'published') continue
    shown.add(row.id)
    let current: Row | undefined = row
    while (current && !walked.has(current.id)) {
      walked.add(current.id)
      if (current.status === 'deleted') shown.add(current.id)
      current = current.parentId === null ? undefined : byId.get(current.parentId)
    }
  }
  return rows.filter((row) => shown.has(row.id))
}
