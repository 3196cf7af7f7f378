import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { routeHash, type View } from '../lib/route.ts'
import { $stats } from '../stores/stats.ts'
import { $view } from '../stores/view.ts'

const TABS = ['queue', 'all', 'threads', 'search', 'blocklist'] as const
type Tab = (typeof TABS)[number]

export interface NavTabsProps {
  t: AdminMessages
}

/** The views, as links with addresses of their own; the queue shows how many comments wait. */
export function NavTabs({ t }: NavTabsProps) {
  const view = useStore($view)
  const pending = useStore($stats).stats?.counts.pending ?? 0
  const current: Tab = view.name === 'thread' ? 'threads' : view.name

  return (
    <nav class="tabs" aria-label={t.views}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab}>
            <a
              href={routeHash({ name: tab, ...(tab === 'search' ? { q: '' } : {}) } as View)}
              aria-current={tab === current ? 'page' : undefined}
            >
              {t[tab]}
              {tab === 'queue' && pending > 0 && (
                <span class="count">
                  <span aria-hidden="true">{pending.toLocaleString(t.locale)}</span>
                  <span class="sr-only">{`, ${t.pendingCount(pending)}`}</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
