import { useStore } from '../../lib/use-store.ts'
import type { AdminMessages } from '../i18n/en.ts'
import { $blocklist, loadBlocklist } from '../stores/blocklist.ts'
import { BlocklistSection } from './blocklist-section.tsx'
import { EraseForm } from './erase-form.tsx'

/** The three lists of the blocklist, in the order the panel shows them. */
const LISTS = ['words', 'emails', 'clients'] as const

export interface BlocklistViewProps {
  t: AdminMessages
}

/**
 * The blocked words, and the banned emails and clients, each with Add and Remove; and the
 * erasure of everything tied to a reader's address.
 */
export function BlocklistView({ t }: BlocklistViewProps) {
  const { status, list, error } = useStore($blocklist)
  return (
    <section class="list" aria-labelledby="list-title" aria-busy={status === 'loading'}>
      <div class="list-head">
        <h2 id="list-title" tabIndex={-1}>
          {t.blocklistTitle}
        </h2>
      </div>
      <p class="muted intro">{t.blocklistIntro}</p>
      {status === 'error' ? (
        <p class="error empty" role="alert">
          {error && t.errors[error.code]}{' '}
          <button type="button" class="button small" onClick={() => loadBlocklist()}>
            {t.retry}
          </button>
        </p>
      ) : (
        <div class="blocklist">
          {LISTS.map((name) => (
            <BlocklistSection
              key={name}
              name={name}
              label={t[name]}
              hint={t[`${name}Hint`]}
              entries={list[name]}
              t={t}
            />
          ))}
        </div>
      )}
      <div class="blocklist">
        <EraseForm t={t} />
      </div>
    </section>
  )
}
