import { atom } from 'nanostores'
import type { AdminThread } from '../../../server/contract.ts'
import type { ApiError } from '../../lib/api-error.ts'
import { getPublicThread, listThreads, setThreadClosed } from '../api.ts'
import { report, tell } from './notice.ts'
import { failed } from './session.ts'

export interface ThreadsState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Latest comment first. */
  threads: AdminThread[]
  error?: ApiError
}

export const $threads = atom<ThreadsState>({ status: 'idle', threads: [] })

/** What the one-thread view shows above the thread's comments. */
export interface ThreadInfo {
  uri: string
  closed: boolean
  /** Absent for a thread outside the list (older than the latest 500, or without comments). */
  thread?: AdminThread
}

export const $threadInfo = atom<ThreadInfo | undefined>()

/** Lists the threads with their counts. */
export async function loadThreads(): Promise<void> {
  $threads.set({ ...$threads.get(), status: 'loading' })
  try {
    $threads.set({ status: 'ready', threads: await listThreads() })
  } catch (error) {
    $threads.set({ status: 'error', threads: [], error: failed(error) })
  }
}

/** Finds what the one-thread view needs: the thread from the list, else what readers are told. */
export async function loadThreadInfo(uri: string): Promise<void> {
  $threadInfo.set(undefined)
  try {
    await loadThreads()
    const thread = $threads.get().threads.find((listed) => listed.uri === uri)
    const closed = thread ? thread.closed : (await getPublicThread(uri)).closed === true
    $threadInfo.set({ uri, closed, thread })
  } catch (error) {
    report(error)
  }
}

/** Closes a thread to new comments, or opens it again. */
export async function closeThread(uri: string, closed: boolean): Promise<void> {
  try {
    const thread = await setThreadClosed(uri, closed)
    const state = $threads.get()
    $threads.set({
      ...state,
      threads: state.threads.map((listed) => (listed.uri === uri ? thread : listed)),
    })
    if ($threadInfo.get()?.uri === uri) $threadInfo.set({ uri, closed, thread })
    tell((t) => (closed ? t.threadClosed(uri) : t.threadReopened(uri)))
  } catch (error) {
    report(error)
  }
}
