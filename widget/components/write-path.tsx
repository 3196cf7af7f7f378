import type { ComponentChildren } from 'preact'
import { useStore } from '../lib/use-store.ts'
import { $messages } from '../stores/settings.ts'
import { $writePath, type WritePath as Loaded, loadWritePath } from '../stores/write-path.ts'

export interface WritePathProps {
  /** Renders the forms once they are downloaded. */
  children: (loaded: Loaded) => ComponentChildren
  /** Shown until then; a short "Loading the editor…" by default. */
  fallback?: ComponentChildren
}

/** Shows a form from the write path, which arrives after the thread (see loadWritePath). */
export function WritePath({ children, fallback }: WritePathProps) {
  const loaded = useStore($writePath)
  const t = useStore($messages)
  if (loaded === 'failed') {
    return (
      <p class="causerie-error" role="alert">
        {t.errors.network}{' '}
        <button type="button" class="causerie-text-button" onClick={() => loadWritePath()}>
          {t.retry}
        </button>
      </p>
    )
  }
  if (loaded) return <>{children(loaded)}</>
  return <>{fallback ?? <p class="causerie-muted">{t.loading}</p>}</>
}
