import type { AdminMessages } from '../i18n/en.ts'
import { changeStatus, clearSelection } from '../stores/comments.ts'

export interface BulkBarProps {
  /** The selected comments. */
  ids: number[]
  t: AdminMessages
}

/** Approve, Spam or Delete every selected comment at once. */
export function BulkBar({ ids, t }: BulkBarProps) {
  return (
    <fieldset class="bulk">
      <legend class="sr-only">{t.bulkActions}</legend>
      <span class="bulk-count">{t.selected(ids.length)}</span>
      <button
        type="button"
        class="button small primary"
        onClick={() => changeStatus(ids, 'published')}
      >
        {t.approve}
      </button>
      <button type="button" class="button small" onClick={() => changeStatus(ids, 'spam')}>
        {t.spam}
      </button>
      <button
        type="button"
        class="button small danger"
        onClick={() => changeStatus(ids, 'deleted')}
      >
        {t.delete}
      </button>
      <button type="button" class="button small quiet" onClick={clearSelection}>
        {t.clearSelection}
      </button>
    </fieldset>
  )
}
