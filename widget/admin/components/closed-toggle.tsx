import type { AdminMessages } from '../i18n/en.ts'
import { closeThread } from '../stores/threads.ts'

export interface ClosedToggleProps {
  uri: string
  closed: boolean
  /** Id of what names the thread: screen readers hear "Close, <thread>". */
  describedBy?: string
  t: AdminMessages
}

/** Whether a thread takes new comments, and the button that closes or reopens it. */
export function ClosedToggle({ uri, closed, describedBy, t }: ClosedToggleProps) {
  return (
    <span class="closing">
      <span class={`badge ${closed ? 'status-deleted' : 'status-published'}`}>
        {closed ? t.closedThread : t.openThread}
      </span>
      <button
        type="button"
        class="button small"
        aria-describedby={describedBy}
        onClick={() => closeThread(uri, !closed)}
      >
        {closed ? t.reopenThread : t.closeThread}
      </button>
    </span>
  )
}
