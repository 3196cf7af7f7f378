import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { $notice, dismissNotice, undoLast } from '../stores/notice.ts'

export interface NoticeBarProps {
  t: AdminMessages
}

/**
 * What the last action did, read out by screen readers (the region is always in the page, so
 * that a change in it is announced), with Undo when the action can be undone.
 */
export function NoticeBar({ t }: NoticeBarProps) {
  const notice = useStore($notice)
  return (
    <div class="notice-region" role="status">
      {notice && (
        <div class={`notice ${notice.tone === 'error' ? 'notice-error' : ''}`} key={notice.serial}>
          <span>{notice.say(t)}</span>
          {notice.undo && (
            <button type="button" class="button small" onClick={() => undoLast()}>
              {t.undo}
            </button>
          )}
          <button
            type="button"
            class="button small quiet"
            aria-label={t.dismiss}
            title={t.dismiss}
            onClick={dismissNotice}
          >
            ×
          </button>
        </div>
      )}
    </div>
  )
}
