import { atom } from 'nanostores'
import type { AdminStatsResponse } from '../../../server/contract.ts'
import type { ApiError } from '../../lib/api-error.ts'
import { getStats } from '../api.ts'
import { failed } from './session.ts'

export interface StatsState {
  stats?: AdminStatsResponse
  error?: ApiError
}

/** The chart's numbers and the totals by status (the Queue tab's badge). */
export const $stats = atom<StatsState>({})

/** Loads the numbers again; actions call it after changing a status. */
export async function loadStats(): Promise<void> {
  try {
    $stats.set({ stats: await getStats() })
  } catch (error) {
    // Keep the numbers already shown: a failed refresh leaves them only slightly stale.
    $stats.set({ ...$stats.get(), error: failed(error) })
  }
}
