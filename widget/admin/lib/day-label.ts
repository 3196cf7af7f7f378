const formats = new Map<string, Intl.DateTimeFormat>()

/** "Mar 14", "14 mars": a day of the stats (a UTC date, YYYY-MM-DD), short. */
export function dayLabel(date: string, locale: string): string {
  let format = formats.get(locale)
  if (!format) {
    // The stats count UTC days: showing them in another zone would shift every bar by a day.
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
    formats.set(locale, format)
  }
  return format.format(Date.parse(date))
}
