import { useEffect, useRef, useState } from 'preact/hooks'
import { LIMITS } from '../../../server/contract.ts'
import { CommentBody } from '../../components/comment-body.tsx'
import type { Messages } from '../../i18n/en.ts'
import { countCharacters } from '../lib/check-draft.ts'
import { type Preview, previewDraft } from '../stores/draft.ts'

export interface MarkdownFieldProps {
  /** The textarea's id; its hint's is derived from it. */
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  /** Id of the message about a problem with the text, if there is one. */
  errorId?: string
  autoFocus?: boolean
  t: Messages
}

/** Waits for a pause in typing before asking the server for a new preview. */
const PREVIEW_DELAY_MS = 300

/** The comment's text: a Markdown textarea with a hint, a counter and a live preview. */
export function MarkdownField({
  id,
  label,
  value,
  onInput,
  errorId,
  autoFocus,
  t,
}: MarkdownFieldProps) {
  const textarea = useRef<HTMLTextAreaElement>(null)
  const [previewing, setPreviewing] = useState(false)
  const [preview, setPreview] = useState<Preview>()
  const count = countCharacters(value)
  const format = (n: number) => n.toLocaleString(t.locale)

  useEffect(() => {
    if (autoFocus) textarea.current?.focus()
  }, [])

  useEffect(() => {
    if (!previewing || !value.trim()) return setPreview(undefined)
    let current = true
    const timer = setTimeout(async () => {
      const result = await previewDraft(value)
      if (current) setPreview(result)
    }, PREVIEW_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [previewing, value])

  return (
    <div>
      <div class="causerie-field-head">
        <label for={id}>{label}</label>
        <button
          type="button"
          class="causerie-text-button"
          aria-pressed={previewing}
          onClick={() => setPreviewing(!previewing)}
        >
          {t.preview}
        </button>
      </div>
      <textarea
        id={id}
        ref={textarea}
        name="text"
        class="causerie-input"
        value={value}
        placeholder={t.write}
        aria-invalid={errorId !== undefined}
        aria-describedby={errorId ? `${errorId} ${id}-hint` : `${id}-hint`}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <div class="causerie-field-foot">
        <span id={`${id}-hint`}>{t.markdownHint}</span>
        <span class={count > LIMITS.textMax ? 'causerie-over' : undefined}>
          {format(count)} / {format(LIMITS.textMax)}
        </span>
      </div>
      {previewing && value.trim() && (
        <div class="causerie-preview" aria-live="polite">
          {!preview ? (
            <p class="causerie-muted">{t.loading}</p>
          ) : 'html' in preview ? (
            <CommentBody html={preview.html} />
          ) : (
            <p class="causerie-error">{t.errors[preview.error.code]}</p>
          )}
        </div>
      )}
    </div>
  )
}
