import { atom } from 'nanostores'

export type AnnouncementKey =
  | 'posted'
  | 'held'
  | 'updated'
  | 'deleted'
  | 'shown'
  | 'linkCopied'
  | 'linkInAddressBar'

export interface Announcement {
  key: AnnouncementKey
  /** Counts announcements, so that the same message twice still changes the live region. */
  serial: number
}

/** The last outcome to read out to screen-reader users. */
export const $announcement = atom<Announcement | undefined>()

export function announce(key: AnnouncementKey): void {
  $announcement.set({ key, serial: ($announcement.get()?.serial ?? 0) + 1 })
}
