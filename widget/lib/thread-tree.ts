import type { Comment } from '../../server/contract.ts'

/** A comment as shown: its replies nested under it, up to the indentation cap. */
export interface ThreadNode {
  comment: Comment
  /** Set when the comment is shown flat at the cap, away from the comment it answers. */
  replyTo?: Comment
  children: ThreadNode[]
}

/** Replies are indented at most this many levels; deeper ones are shown flat at the last level. */
export const MAX_DEPTH = 3

/**
 * Turns the server's flat, oldest-first list into the tree the widget shows. A reply whose parent
 * is missing (held for moderation, say) is shown at the top level.
 */
export function buildThread(comments: Comment[], maxDepth = MAX_DEPTH): ThreadNode[] {
  const ids = new Set(comments.map((comment) => comment.id))
  const replies = new Map<number, Comment[]>()
  const roots: Comment[] = []
  for (const comment of comments) {
    const { parentId } = comment
    if (parentId === null || !ids.has(parentId)) roots.push(comment)
    else {
      const siblings = replies.get(parentId)
      if (siblings) siblings.push(comment)
      else replies.set(parentId, [comment])
    }
  }

  // The nodes for the replies to `parent`, shown at `depth`.
  function repliesTo(parent: Comment, depth: number): ThreadNode[] {
    const nodes: ThreadNode[] = []
    for (const reply of replies.get(parent.id) ?? []) {
      if (depth < maxDepth) {
        nodes.push({ comment: reply, children: repliesTo(reply, depth + 1) })
      } else {
        nodes.push({ comment: reply, children: [] })
        appendFlat(reply, nodes)
      }
    }
    return nodes
  }

  // Depth-first, in order, with a stack of its own: a chain of replies thousands deep must not
  // overflow the call stack and blank the thread for every reader.
  function appendFlat(top: Comment, nodes: ThreadNode[]): void {
    const stack = [{ parent: top, next: 0 }]
    for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
      const reply = replies.get(frame.parent.id)?.[frame.next]
      if (!reply) {
        stack.pop()
        continue
      }
      frame.next += 1
      nodes.push({ comment: reply, replyTo: frame.parent, children: [] })
      stack.push({ parent: reply, next: 0 })
    }
  }

  return roots.map((root) => ({ comment: root, children: repliesTo(root, 1) }))
}

/** How many replies, at every depth, are shown below `node`. */
export function countReplies(node: ThreadNode): number {
  return node.children.reduce((count, child) => count + 1 + countReplies(child), 0)
}
