import { fullDate, timeAgo } from '../lib/time-ago.ts'

export interface RelativeTimeProps {
  /** ISO 8601 date. */
  iso: string
  now: number
  locale: string
}

/** "3 days ago", with the full date on hover and for machines. */
export function RelativeTime({ iso, now, locale }: RelativeTimeProps) {
  return (
    <time dateTime={iso} title={fullDate(iso, locale)}>
      {timeAgo(iso, now, locale)}
    </time>
  )
}
