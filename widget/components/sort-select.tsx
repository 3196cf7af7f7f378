import type { ThreadSort, VoteMode } from '../../server/contract.ts'
import type { Messages } from '../i18n/en.ts'
import { sortThread } from '../stores/thread.ts'

export interface SortSelectProps {
  sort: ThreadSort
  votes?: VoteMode
  t: Messages
}

/** Oldest, newest or best first; Best only where there are votes to rank by. */
export function SortSelect({ sort, votes = 'off', t }: SortSelectProps) {
  const sorts = Object.keys(t.sorts) as ThreadSort[]
  return (
    <label class="causerie-sort">
      {t.sortLabel}{' '}
      <select
        value={sort}
        onChange={(event) => sortThread(event.currentTarget.value as ThreadSort)}
      >
        {sorts.map(
          (option) =>
            (option !== 'best' || votes !== 'off' || sort === 'best') && (
              <option value={option}>{t.sorts[option]}</option>
            ),
        )}
      </select>
    </label>
  )
}
