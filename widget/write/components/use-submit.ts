import { useRef, useState } from 'preact/hooks'
import type { DraftProblem } from '../lib/check-draft.ts'

/** What a form needs to send a draft and show what went wrong. */
export interface Submission {
  busy: boolean
  problem?: DraftProblem
  /** Id of the problem's message, for aria-describedby. */
  errorId: string
  form: { current: HTMLFormElement | null }
  onSubmit: (event: SubmitEvent) => Promise<void>
}

/**
 * Runs `send` on submit, once at a time. A problem it returns is shown next to the form and its
 * field focused; what the reader typed stays as it was. `formId` names the form in element ids.
 */
export function useSubmit(
  formId: string,
  send: () => Promise<DraftProblem | undefined>,
): Submission {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<DraftProblem>()
  const form = useRef<HTMLFormElement>(null)
  const errorId = `causerie-${formId}-error`

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    const found = await send()
    setBusy(false)
    setProblem(found)
    const field = found?.field && form.current?.elements.namedItem(found.field)
    if (field instanceof HTMLElement) field.focus()
  }

  return { busy, problem, errorId, form, onSubmit }
}
