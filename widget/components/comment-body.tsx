import { useMemo } from 'preact/hooks'
import { sanitize } from '../lib/sanitize.ts'

export interface CommentBodyProps {
  /** HTML rendered by the server. */
  html: string
}

/**
 * The one place where HTML from the server reaches the DOM: always through sanitize(), and
 * inserted exactly as it returned it (a TrustedHTML where the browser has Trusted Types, which
 * Preact assigns to innerHTML as it is).
 */
export function CommentBody({ html }: CommentBodyProps) {
  const safe = useMemo(() => sanitize(html), [html])
  return <div class="causerie-body" dangerouslySetInnerHTML={{ __html: safe }} />
}
