const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

const formats = new Map<string, Intl.RelativeTimeFormat>()

/** "3 days ago", "il y a 3 jours", "yesterday": how long before `now` the ISO date `iso` was. */
export function timeAgo(iso: string, now: number, locale: string): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    formats.set(locale, format)
  }
  // A reader's clock may run behind the server's: a comment is never "in 2 minutes".
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000)
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit)
  }
  return format.format(0, 'second')
}

const dates = new Map<string, Intl.DateTimeFormat>()

/** "March 14, 2012 at 9:30 AM", "14 mars 2012 à 09:30": the date in full, in the reader's zone. */
export function fullDate(iso: string, locale: string): string {
  let format = dates.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })
    dates.set(locale, format)
  }
  return format.format(Date.parse(iso))
}
