import { describe, expect, it } from 'vitest'
import type { CommentStatus } from '../contract.ts'
import type { CommentRow } from '../store/store.ts'
import { visibleComments } from './visible-comments.ts'

function row(id: number, parentId: number | null, status: CommentStatus): CommentRow {
  return {
    id,
    threadId: 1,
    parentId,
    text: '',
    html: '',
    name: '',
    email: null,
    website: null,
    avatar: '',
    clientHash: '',
    tokenHash: '',
    status,
    createdAt: id,
    editedAt: null,
    isOwner: false,
    notify: false,
  }
}

const ids = (rows: CommentRow[]) => rows.map((r) => r.id)

describe('visibleComments', () => {
  it('shows published comments and hides pending, spam and lone deleted ones', () => {
    const rows = [row(1, null, 'published'), row(2, null, 'pending'), row(3, null, 'spam')]
    rows.push(row(4, null, 'deleted'), row(5, 1, 'published'))
    expect(ids(visibleComments(rows))).toEqual([1, 5])
  })

  it('keeps deleted ancestors of a published reply as placeholders', () => {
    const rows = [row(1, null, 'deleted'), row(2, 1, 'deleted'), row(3, 2, 'published')]
    rows.push(row(4, null, 'deleted'), row(5, 4, 'deleted'))
    expect(ids(visibleComments(rows))).toEqual([1, 2, 3])
  })

  it('does not revive a deleted comment whose only replies are hidden', () => {
    const rows = [row(1, null, 'deleted'), row(2, 1, 'pending'), row(3, 1, 'deleted')]
    expect(visibleComments(rows)).toEqual([])
  })

  it('survives a cycle of parent links', () => {
    const rows = [row(1, 2, 'deleted'), row(2, 1, 'deleted'), row(3, 1, 'published')]
    expect(ids(visibleComments(rows))).toEqual([1, 2, 3])
  })

  it('stays linear on a very deep chain', () => {
    const rows = [row(1, null, 'deleted')]
    for (let id = 2; id <= 20_000; id++) rows.push(row(id, id - 1, 'published'))
    expect(visibleComments(rows)).toHaveLength(20_000)
  })
})
