import { useEffect, useState } from 'preact/hooks'
import type { AdminMessages } from '../i18n/en.ts'
import type { View } from '../lib/route.ts'
import { showView } from '../stores/view.ts'
import { CommentList } from './comment-list.tsx'
import { StatusFilter } from './status-filter.tsx'

/** The server's limit on a search, in characters. */
const SEARCH_MAX = 200

export interface SearchViewProps {
  view: Extract<View, { name: 'search' }>
  t: AdminMessages
}

/** Searches comments by text, author name, email or thread. */
export function SearchView({ view, t }: SearchViewProps) {
  const [text, setText] = useState(view.q)

  // Back and Forward change the search under the field: show what is searched.
  useEffect(() => setText(view.q), [view.q])

  return (
    <>
      <search>
        <form
          class="search card"
          onSubmit={(event) => {
            event.preventDefault()
            showView({ ...view, q: text.trim() })
          }}
        >
          <label for="search-q">{t.searchLabel}</label>
          <div class="search-row">
            <input
              id="search-q"
              class="input"
              type="search"
              name="q"
              maxLength={SEARCH_MAX}
              // biome-ignore lint/a11y/noAutofocus: the view is the search field; it was just chosen.
              autoFocus={!view.q}
              value={text}
              onInput={(event) => setText(event.currentTarget.value)}
            />
            <button type="submit" class="button primary">
              {t.searchButton}
            </button>
          </div>
        </form>
      </search>
      {view.q ? (
        <CommentList
          title={t.results(view.q)}
          empty={t.searchEmpty(view.q)}
          tools={
            <StatusFilter
              value={view.status}
              onChange={(status) => showView({ ...view, status })}
              t={t}
            />
          }
          t={t}
        />
      ) : (
        <p class="muted empty">{t.searchPrompt}</p>
      )}
    </>
  )
}
