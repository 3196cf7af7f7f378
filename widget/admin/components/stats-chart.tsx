import type { AdminStatsResponse } from '../../../server/contract.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { dayLabel } from '../lib/day-label.ts'

/** The chart's drawing units: one bar per day, 10 wide, in a box 100 high. */
const BAR = 10
const HEIGHT = 100

export interface StatsChartProps {
  days: AdminStatsResponse['days']
  t: AdminMessages
}

/**
 * Comments per day as bars, spam stacked on top, drawn here in SVG. Screen readers get a one-line
 * summary as the image's name, and every number in a table that is hidden only visually.
 */
export function StatsChart({ days, t }: StatsChartProps) {
  const label = (date: string) => dayLabel(date, t.locale)
  const top = Math.max(1, ...days.map((day) => day.comments + day.spam))
  const busiest = days.reduce<(typeof days)[number] | undefined>(
    (best, day) => (day.comments > (best?.comments ?? 0) ? day : best),
    undefined,
  )
  const comments = days.reduce((sum, day) => sum + day.comments, 0)
  const spam = days.reduce((sum, day) => sum + day.spam, 0)
  const [first] = days
  const last = days.at(-1)
  const scale = (value: number) => (value / top) * (HEIGHT - 4)

  return (
    <figure class="chart">
      <figcaption class="chart-title">
        {t.chartTitle}
        <span class="chart-legend" aria-hidden="true">
          <span class="key key-comments">{t.chartComments}</span>
          <span class="key key-spam">{t.chartSpam}</span>
        </span>
      </figcaption>
      <div class="chart-plot">
        <span class="chart-max" aria-hidden="true">
          {top.toLocaleString(t.locale)}
        </span>
        <svg
          class="chart-svg"
          role="img"
          aria-label={t.chartSummary(
            comments,
            spam,
            busiest ? label(busiest.date) : '',
            busiest?.comments ?? 0,
          )}
          viewBox={`0 0 ${days.length * BAR} ${HEIGHT}`}
          preserveAspectRatio="none"
        >
          <line class="chart-grid" x1="0" x2={days.length * BAR} y1="4" y2="4" />
          {days.map((day, index) => {
            const own = scale(day.comments)
            const junk = scale(day.spam)
            return (
              <g key={day.date}>
                <title>{t.chartBar(label(day.date), day.comments, day.spam)}</title>
                <rect class="chart-hit" x={index * BAR} y="0" width={BAR} height={HEIGHT} />
                <rect
                  class="bar-comments"
                  x={index * BAR + 1.5}
                  y={HEIGHT - own}
                  width={BAR - 3}
                  height={own}
                />
                <rect
                  class="bar-spam"
                  x={index * BAR + 1.5}
                  y={HEIGHT - own - junk}
                  width={BAR - 3}
                  height={junk}
                />
              </g>
            )
          })}
          <line class="chart-base" x1="0" x2={days.length * BAR} y1={HEIGHT} y2={HEIGHT} />
        </svg>
      </div>
      <div class="chart-axis" aria-hidden="true">
        <span>{first && label(first.date)}</span>
        <span>{last && label(last.date)}</span>
      </div>
      <table class="sr-only">
        <caption>{t.chartTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.chartDay}</th>
            <th scope="col">{t.chartComments}</th>
            <th scope="col">{t.chartSpam}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{label(day.date)}</th>
              <td>{day.comments}</td>
              <td>{day.spam}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
