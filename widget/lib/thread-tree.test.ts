import { describe, expect, it } from 'vitest'
import type { Comment } from '../../server/contract.ts'
import { buildThread, type ThreadNode } from './thread-tree.ts'

function comment(id: number, parentId: number | null = null): Comment {
  return {
    id,
    parentId,
    author: { name: `Author ${id}`, website: null, avatar: '0123456789abcdef' },
    html: `<p>${id}</p>`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
    editedAt: null,
    status: 'published',
  }
}

/** The tree as "id(children)" text; a flattened reply shows as "id>parent". */
function outline(nodes: ThreadNode[]): string {
  return nodes
    .map(({ comment, replyTo, children }) => {
      const self = replyTo ? `${comment.id}>${replyTo.id}` : `${comment.id}`
      return children.length ? `${self}(${outline(children)})` : self
    })
    .join(' ')
}

describe('buildThread', () => {
  it('keeps the server’s oldest-first order and nests replies under their parent', () => {
    const tree = buildThread([comment(1), comment(2), comment(3, 1), comment(4, 2), comment(5, 1)])
    expect(outline(tree)).toBe('1(3 5) 2(4)')
  })

  it('shows replies deeper than the cap flat at the cap, saying whom they answer', () => {
    const chain = [
      comment(1),
      comment(2, 1),
      comment(3, 2),
      comment(4, 3),
      comment(5, 4),
      comment(6, 5),
    ]
    expect(outline(buildThread(chain))).toBe('1(2(3(4 5>4 6>5)))')
  })

  it('keeps a flattened reply’s own replies right after it', () => {
    const comments = [comment(1), comment(2, 1), comment(3, 2), comment(4, 3)]
    comments.push(comment(5, 4), comment(6, 4), comment(7, 5), comment(8, 3))
    expect(outline(buildThread(comments))).toBe('1(2(3(4 5>4 7>5 6>4 8)))')
  })

  it('flattens a chain of 50,000 replies without overflowing the call stack', () => {
    const chain = Array.from({ length: 50_000 }, (_, index) =>
      comment(index + 1, index === 0 ? null : index),
    )
    const flat = buildThread(chain)[0]?.children[0]?.children[0]?.children ?? []
    expect(flat).toHaveLength(50_000 - 3)
    expect(flat.at(-1)?.replyTo?.id).toBe(49_999)
  })

  it('shows a reply whose parent is not in the list at the top level', () => {
    expect(outline(buildThread([comment(2, 1), comment(3)]))).toBe('2 3')
  })
})
