import { useState } from 'preact/hooks'
import type { Comment, VoteMode } from '../../server/contract.ts'
import type { Messages } from '../i18n/en.ts'
import { useStore } from '../lib/use-store.ts'
import { $votes, vote } from '../stores/votes.ts'

export interface VoteButtonsProps {
  comment: Comment
  /** 'up': up votes only, and the score counts them; 'on': up minus down. */
  mode: Exclude<VoteMode, 'off'>
  t: Messages
}

/** Up and down votes with the score; pressing the reader's vote again takes it back. */
export function VoteButtons({ comment, mode, t }: VoteButtonsProps) {
  const mine = useStore($votes)[comment.id] ?? 0
  const [error, setError] = useState<string>()
  const { up, down } = comment.score ?? { up: 0, down: 0 }

  async function cast(value: 1 | -1) {
    setError(undefined)
    const failure = await vote(comment.id, mine === value ? 0 : value)
    if (failure) setError(t.errors[failure.code])
  }

  const button = (value: 1 | -1, label: string, arrow: string) => (
    <button
      type="button"
      class="causerie-text-button"
      aria-label={label}
      aria-pressed={mine === value}
      onClick={() => cast(value)}
    >
      {arrow}
    </button>
  )

  return (
    <span class="causerie-votes">
      {button(1, t.voteUp, '▲')}
      <span>{mode === 'up' ? up : up - down}</span>
      {mode === 'on' && button(-1, t.voteDown, '▼')}
      {error && (
        <span class="causerie-error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
