import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { $view } from '../stores/view.ts'
import { AllView } from './all-view.tsx'
import { BlocklistView } from './blocklist-view.tsx'
import { QueueView } from './queue-view.tsx'
import { SearchView } from './search-view.tsx'
import { ThreadView } from './thread-view.tsx'
import { ThreadsView } from './threads-view.tsx'

export interface CurrentViewProps {
  t: AdminMessages
}

/** The view the address names. */
export function CurrentView({ t }: CurrentViewProps) {
  const view = useStore($view)
  switch (view.name) {
    case 'queue':
      return <QueueView t={t} />
    case 'all':
      return <AllView view={view} t={t} />
    case 'thread':
      return <ThreadView view={view} t={t} />
    case 'threads':
      return <ThreadsView t={t} />
    case 'search':
      return <SearchView view={view} t={t} />
    case 'blocklist':
      return <BlocklistView t={t} />
  }
}
