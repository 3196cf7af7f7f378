import type { ThreadNode } from '../lib/thread-tree.ts'
import { CommentItem, type CommentItemProps } from './comment-item.tsx'

export interface CommentListProps extends Omit<CommentItemProps, 'node'> {
  nodes: ThreadNode[]
}

/** Comments at one level of the thread: the top level, or the replies to one comment. */
export function CommentList({ nodes, ...shared }: CommentListProps) {
  return (
    <ol class={shared.depth ? 'causerie-replies' : 'causerie-list'}>
      {nodes.map((node) => (
        <CommentItem key={node.comment.id} node={node} {...shared} />
      ))}
    </ol>
  )
}
