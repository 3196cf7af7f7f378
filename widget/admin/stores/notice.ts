import { atom } from 'nanostores'
import type { AdminMessages } from '../i18n/en.ts'
import { failed } from './session.ts'

/** The outcome of the last action, read out by screen readers and shown as a toast. */
export interface Notice {
  /** The message in the panel's language, whichever it is when shown. */
  say: (t: AdminMessages) => string
  tone: 'done' | 'error'
  /** Puts back what the action changed; offered as an Undo button. */
  undo?: () => Promise<void>
  /** Counts notices, so that the same message twice still changes the live region. */
  serial: number
}

export const $notice = atom<Notice | undefined>()

let serial = 0

/** Says what an action did; `undo`, when given, is offered until the next notice. */
export function tell(say: Notice['say'], undo?: Notice['undo']): void {
  $notice.set({ say, tone: 'done', undo, serial: ++serial })
}

/** Says what went wrong; a 401 ends the session instead, and the login form says so. */
export function report(error: unknown): void {
  const { code } = failed(error)
  if (code !== 'unauthorized')
    $notice.set({ say: (t) => t.errors[code], tone: 'error', serial: ++serial })
}

/** Runs the last notice's undo, once. */
export async function undoLast(): Promise<void> {
  const undo = $notice.get()?.undo
  if (!undo) return
  $notice.set(undefined)
  await undo()
}

export function dismissNotice(): void {
  $notice.set(undefined)
}
