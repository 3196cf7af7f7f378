import { COMMENT_STATUSES, type CommentStatus } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'

const CHOICES = [undefined, ...COMMENT_STATUSES]

export interface StatusFilterProps {
  /** Undefined: any status. */
  value?: CommentStatus
  onChange: (status: CommentStatus | undefined) => void
  t: AdminMessages
}

/** Narrows a list to one status: a group of toggle buttons, one pressed. */
export function StatusFilter({ value, onChange, t }: StatusFilterProps) {
  return (
    <fieldset class="filter">
      <legend class="sr-only">{t.statusFilter}</legend>
      <span class="filter-label" aria-hidden="true">
        {t.statusFilter}
      </span>
      {CHOICES.map((status) => (
        <button
          key={status ?? 'any'}
          type="button"
          class="chip"
          aria-pressed={value === status}
          onClick={() => onChange(status)}
        >
          {status ? t.status[status] : t.anyStatus}
        </button>
      ))}
    </fieldset>
  )
}
