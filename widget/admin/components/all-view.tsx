import type { AdminMessages } from '../i18n/en.ts'
import type { View } from '../lib/route.ts'
import { showView } from '../stores/view.ts'
import { CommentList } from './comment-list.tsx'
import { StatusFilter } from './status-filter.tsx'

export interface AllViewProps {
  view: Extract<View, { name: 'all' }>
  t: AdminMessages
}

/** Recent comments across threads, newest first, by status. */
export function AllView({ view, t }: AllViewProps) {
  return (
    <CommentList
      title={t.allTitle}
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
  )
}
