import type { Messages } from '../i18n/en.ts'
import type { ThreadNode } from '../lib/thread-tree.ts'
import { loadGap } from '../stores/thread.ts'
import { CommentItem, type CommentItemProps } from './comment-item.tsx'
import { MoreButton } from './more-button.tsx'

export interface CommentListProps extends Omit<CommentItemProps, 'node'> {
  nodes: ThreadNode[]
  /** The top-level comment after comments not loaded yet, between two pages (see loadGap). */
  gapBefore?: number
}

/** Comments at one level of the thread: the top level, or the replies to one comment. */
export function CommentList({ nodes, gapBefore, ...shared }: CommentListProps) {
  return (
    <ol class={shared.depth ? 'causerie-replies' : 'causerie-list'}>
      {nodes.flatMap((node) => {
        const item = <CommentItem key={node.comment.id} node={node} {...shared} />
        return node.comment.id === gapBefore ? [<Gap key="gap" t={shared.t} />, item] : [item]
      })}
    </ol>
  )
}

function Gap({ t }: { t: Messages }) {
  return (
    <li>
      <MoreButton label={t.showMore} onLoad={loadGap} t={t} />
    </li>
  )
}
