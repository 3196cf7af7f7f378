import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { $blocklist, isBanned } from '../stores/blocklist.ts'
import { $comments, $selection, loadComments, loadMore, toggleAll } from '../stores/comments.ts'
import { BulkBar } from './bulk-bar.tsx'
import { CommentRow } from './comment-row.tsx'

export interface CommentListProps {
  title: string
  /** Said when nothing matches. */
  empty: string
  /** Filters shown above the list. */
  tools?: ComponentChildren
  t: AdminMessages
}

/** The comments of the current view, with selection, bulk actions and paging. */
export function CommentList({ title, empty, tools, t }: CommentListProps) {
  const state = useStore($comments)
  const selection = useStore($selection)
  const { list: blocklist } = useStore($blocklist)
  const list = useRef<HTMLOListElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  /** Position of the row that last held the focus, to hand it on when that row leaves. */
  const focusedIndex = useRef<number | undefined>(undefined)
  const { comments } = state
  const now = Date.now()

  // A row leaves when it stops matching the view (approved from the queue, say). Its buttons
  // had the focus: give it to the row that took its place, or to the heading, not to <body>.
  useEffect(() => {
    const index = focusedIndex.current
    const active = document.activeElement
    if (index === undefined || (active && active !== document.body)) return
    const rows = list.current?.querySelectorAll<HTMLElement>('article')
    const next = index < 0 ? undefined : rows?.[Math.min(index, rows.length - 1)]
    ;(next ?? heading.current)?.focus()
  }, [comments])

  // -1: the focus was outside the rows (the bulk bar, say), so the heading gets it back.
  function rememberFocus(event: FocusEvent) {
    const article = (event.target as Element).closest('article')
    const rows = [...(list.current?.querySelectorAll('article') ?? [])]
    focusedIndex.current = article ? rows.indexOf(article) : -1
  }

  const allSelected = comments.length > 0 && selection.length === comments.length

  return (
    <section
      class="list"
      aria-labelledby="list-title"
      aria-busy={state.status === 'loading'}
      onFocusIn={rememberFocus}
    >
      <div class="list-head">
        <h2 id="list-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {tools}
      </div>
      {comments.length > 0 && (
        <div class="list-bar">
          <label class="check">
            <input type="checkbox" checked={allSelected} onChange={toggleAll} />
            {t.selectAll}
          </label>
          {selection.length > 0 && <BulkBar ids={selection} t={t} />}
        </div>
      )}
      {state.status === 'error' ? (
        <p class="error empty" role="alert">
          {state.error && t.errors[state.error.code]}{' '}
          <button type="button" class="button small" onClick={() => loadComments(state.query)}>
            {t.retry}
          </button>
        </p>
      ) : state.status === 'loading' ? (
        <p class="muted empty">{t.loading}</p>
      ) : comments.length === 0 ? (
        <p class="muted empty">{empty}</p>
      ) : (
        <ol class="rows" ref={list}>
          {comments.map((comment) => (
            <CommentRow
              key={comment.id}
              comment={comment}
              isSelected={selection.includes(comment.id)}
              isEmailBanned={
                comment.email !== null && isBanned(blocklist, { email: comment.email })
              }
              isClientBanned={isBanned(blocklist, { client: comment.client })}
              now={now}
              t={t}
            />
          ))}
        </ol>
      )}
      {state.next !== null && state.status === 'ready' && (
        <p class="more">
          <button
            type="button"
            class="button"
            aria-disabled={state.isLoadingMore === true}
            onClick={() => loadMore()}
          >
            {state.isLoadingMore ? t.loading : t.loadMore}
          </button>
        </p>
      )}
    </section>
  )
}
