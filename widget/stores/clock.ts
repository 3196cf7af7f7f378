import { atom } from 'nanostores'

/** The time relative dates and edit windows are measured against, in ms since the epoch. */
export const $clock = atom(Date.now())

/** Moves the clock to `now`; the app calls it every half minute. */
export function tickClock(now = Date.now()): void {
  $clock.set(now)
}
