import type { ReadableAtom } from 'nanostores'
import { useEffect, useState } from 'preact/hooks'

/**
 * The value of `store`, rendering the component again whenever it changes: @nanostores/preact's
 * useStore without the options the widget does not use, in fewer bytes. subscribe() calls back at
 * once with the current value, so a change between render and effect is not missed; setting the
 * same value again does not render. Store values must not be functions (useState would call them).
 */
export function useStore<Value>(store: ReadableAtom<Value>): Value {
  const [, setValue] = useState(store.get())
  useEffect(() => store.subscribe(setValue), [store])
  return store.get()
}
