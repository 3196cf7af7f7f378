import { COMMENT_STATUSES } from '../../../server/contract.ts'
import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { routeHash } from '../lib/route.ts'
import { $stats } from '../stores/stats.ts'
import { StatsChart } from './stats-chart.tsx'

export interface OverviewProps {
  t: AdminMessages
}

/** Totals by status, each a link to its list, and comments per day over 30 days. */
export function Overview({ t }: OverviewProps) {
  const { stats, error } = useStore($stats)
  return (
    <section class="card overview" aria-labelledby="overview-title">
      <h2 id="overview-title" class="sr-only">
        {t.overview}
      </h2>
      {stats ? (
        <>
          <ul class="tiles">
            {COMMENT_STATUSES.map((status) => (
              <li key={status}>
                <a
                  class={`tile tile-${status}`}
                  href={routeHash(
                    status === 'pending' ? { name: 'queue' } : { name: 'all', status },
                  )}
                >
                  <span class="tile-value">{stats.counts[status].toLocaleString(t.locale)}</span>
                  <span class="tile-label">{t.status[status]}</span>
                </a>
              </li>
            ))}
          </ul>
          <StatsChart days={stats.days} t={t} />
        </>
      ) : error ? (
        <p class="error" role="alert">
          {t.errors[error.code]}
        </p>
      ) : (
        <p class="muted">{t.loading}</p>
      )}
    </section>
  )
}
