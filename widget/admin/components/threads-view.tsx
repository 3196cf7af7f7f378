import { fullDate, timeAgo } from '../../lib/time-ago.ts'
import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { routeHash } from '../lib/route.ts'
import { $threads, loadThreads } from '../stores/threads.ts'
import { ClosedToggle } from './closed-toggle.tsx'

export interface ThreadsViewProps {
  t: AdminMessages
}

/** Every thread, latest comment first: its counts, and whether it takes new comments. */
export function ThreadsView({ t }: ThreadsViewProps) {
  const { status, threads, error } = useStore($threads)
  const now = Date.now()
  return (
    <section class="list" aria-labelledby="list-title" aria-busy={status === 'loading'}>
      <div class="list-head">
        <h2 id="list-title" tabIndex={-1}>
          {t.threadsTitle}
        </h2>
      </div>
      {status === 'error' ? (
        <p class="error empty" role="alert">
          {error && t.errors[error.code]}{' '}
          <button type="button" class="button small" onClick={() => loadThreads()}>
            {t.retry}
          </button>
        </p>
      ) : threads.length === 0 ? (
        <p class="muted empty">{status === 'ready' ? t.threadsEmpty : t.loading}</p>
      ) : (
        <div class="table-wrap card">
          <table class="threads">
            <thead>
              <tr>
                <th scope="col">{t.thread}</th>
                <th scope="col">{t.comments}</th>
                <th scope="col">{t.lastComment}</th>
                <th scope="col">{t.newComments}</th>
              </tr>
            </thead>
            <tbody>
              {threads.map((thread, index) => (
                <tr key={thread.uri}>
                  <th scope="row" id={`thread-${index}`}>
                    <a href={routeHash({ name: 'thread', uri: thread.uri })}>
                      {thread.title || thread.uri}
                    </a>
                    {thread.title && <span class="uri">{thread.uri}</span>}
                  </th>
                  <td>
                    {t.countSummary(
                      thread.counts.published,
                      thread.counts.pending,
                      thread.counts.spam,
                    )}
                  </td>
                  <td>
                    {thread.lastCommentAt ? (
                      <time
                        dateTime={thread.lastCommentAt}
                        title={fullDate(thread.lastCommentAt, t.locale)}
                      >
                        {timeAgo(thread.lastCommentAt, now, t.locale)}
                      </time>
                    ) : (
                      <span class="muted">{t.noComments}</span>
                    )}
                  </td>
                  <td>
                    <ClosedToggle
                      uri={thread.uri}
                      closed={thread.closed}
                      describedBy={`thread-${index}`}
                      t={t}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
