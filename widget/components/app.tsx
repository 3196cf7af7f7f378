import { useEffect, useMemo, useState } from 'preact/hooks'
import { followCommentLink } from '../lib/comment-link.ts'
import { plural } from '../lib/plural.ts'
import { buildThread } from '../lib/thread-tree.ts'
import { useStore } from '../lib/use-store.ts'
import { $announcement } from '../stores/announcement.ts'
import { $clock, tickClock } from '../stores/clock.ts'
import { $messages, $settings } from '../stores/settings.ts'
import { $thread, loadMore, loadThread } from '../stores/thread.ts'
import { $tokens, editableIds, heldComments } from '../stores/tokens.ts'
import { loadWritePath } from '../stores/write-path.ts'
import { CommentList } from './comment-list.tsx'
import { MoreButton } from './more-button.tsx'
import { SortSelect } from './sort-select.tsx'
import { WritePath } from './write-path.tsx'

/** Relative dates and edit windows are refreshed this often. */
const TICK_MS = 30_000

/** The whole widget: heading, form, thread, and the live region for screen readers. */
export function App() {
  const t = useStore($messages)
  const { uri, theme } = useStore($settings)
  const thread = useStore($thread)
  const now = useStore($clock)
  const tokens = useStore($tokens)
  const announcement = useStore($announcement)
  const [composing, setComposing] = useState(false)
  // The reader's own held comments stay in view, marked, though the server lists them to nobody.
  const nodes = useMemo(
    () => buildThread([...thread.comments, ...heldComments(tokens, uri, thread.comments)]),
    [thread.comments, tokens],
  )
  const editable = useMemo(() => editableIds(tokens, now), [tokens, now])
  const settled = thread.status === 'ready' || thread.status === 'error'

  useEffect(() => {
    const timer = setInterval(tickClock, TICK_MS)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    if (!settled) return
    // The forms are not needed to read: fetch them once the thread is on screen.
    if ('requestIdleCallback' in window) requestIdleCallback(loadWritePath, { timeout: 2000 })
    else setTimeout(loadWritePath, 200)
  }, [settled])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: only follows links, which have their own keys.
    <section
      class="causerie"
      lang={t.locale}
      data-theme={theme}
      aria-labelledby="causerie-heading"
      onClick={followCommentLink}
    >
      <h2 id="causerie-heading" tabIndex={-1}>
        {thread.status === 'ready' ? plural(t.locale, thread.total, t.comments) : t.heading}
      </h2>
      {thread.closed ? (
        <p class="causerie-muted">{t.errors.thread_closed}</p>
      ) : (
        <WritePath
          fallback={
            <button
              type="button"
              class="causerie-write-placeholder"
              onClick={() => {
                setComposing(true)
                loadWritePath()
              }}
            >
              {t.write}
            </button>
          }
        >
          {(w) => <w.CommentForm autoFocus={composing} />}
        </WritePath>
      )}
      {thread.status === 'error' ? (
        <p class="causerie-list" role="alert">
          {t.loadFailed} {thread.error && t.errors[thread.error.code]}{' '}
          <button type="button" class="causerie-button" onClick={() => loadThread(uri)}>
            {t.retry}
          </button>
        </p>
      ) : !settled || nodes.length === 0 ? (
        <p class="causerie-list causerie-muted" aria-busy={!settled}>
          {settled ? t.empty : t.loading}
        </p>
      ) : (
        <>
          <SortSelect sort={thread.sort ?? 'oldest'} votes={thread.votes} t={t} />
          {thread.error && (
            <p class="causerie-error" role="alert">
              {t.errors[thread.error.code]}
            </p>
          )}
          <CommentList
            nodes={nodes}
            depth={0}
            now={now}
            t={t}
            editable={editable}
            focusId={thread.focusId}
            isClosed={thread.closed}
            votes={thread.votes}
            targetId={thread.targetId}
            replyCursors={thread.replies}
            gapBefore={thread.gap?.before}
          />
          {thread.next && <MoreButton label={t.showMore} onLoad={loadMore} t={t} />}
        </>
      )}
      <p class="causerie-sr-only" role="status">
        {announcement && t.announce[announcement.key] + (announcement.serial % 2 ? '' : '\u00a0')}
      </p>
    </section>
  )
}
