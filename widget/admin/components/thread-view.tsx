import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { routeHash, type View } from '../lib/route.ts'
import { $threadInfo } from '../stores/threads.ts'
import { showView } from '../stores/view.ts'
import { ClosedToggle } from './closed-toggle.tsx'
import { CommentList } from './comment-list.tsx'
import { StatusFilter } from './status-filter.tsx'

export interface ThreadViewProps {
  view: Extract<View, { name: 'thread' }>
  t: AdminMessages
}

/** One thread: its key, title and counts, whether it takes new comments, and its comments. */
export function ThreadView({ view, t }: ThreadViewProps) {
  const info = useStore($threadInfo)
  const thread = info?.uri === view.uri ? info : undefined
  const counts = thread?.thread?.counts
  return (
    <>
      <section class="card thread-head" aria-labelledby="thread-title">
        <p class="crumbs">
          <a href={routeHash({ name: 'threads' })}>{t.allThreads}</a>
        </p>
        <h2 id="thread-title" class="thread-title">
          {thread?.thread?.title || view.uri}
        </h2>
        <p class="uri">{view.uri}</p>
        {counts && (
          <p class="muted">{t.countSummary(counts.published, counts.pending, counts.spam)}</p>
        )}
        {thread && (
          <ClosedToggle uri={view.uri} closed={thread.closed} describedBy="thread-title" t={t} />
        )}
      </section>
      <CommentList
        title={t.comments}
        empty={t.listEmpty}
        tools={
          <StatusFilter
            value={view.status}
            onChange={(status) => showView({ ...view, status })}
            t={t}
          />
        }
        t={t}
      />
    </>
  )
}
