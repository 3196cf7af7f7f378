import type { AdminMessages } from '../i18n/en.ts'
import { CommentList } from './comment-list.tsx'
import { Overview } from './overview.tsx'

export interface QueueViewProps {
  t: AdminMessages
}

/** The landing view: the numbers, then the comments waiting for approval, oldest first. */
export function QueueView({ t }: QueueViewProps) {
  return (
    <>
      <Overview t={t} />
      <CommentList title={t.queueTitle} empty={t.queueEmpty} t={t} />
    </>
  )
}
