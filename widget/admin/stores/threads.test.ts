import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAdminTestApi, TEST_PASSWORD } from '../../../test/support/create-admin-test-api.ts'
import type { TestApp } from '../../../test/support/create-test-app.ts'
import { $session, logIn } from './session.ts'
import { $threadInfo, $threads, closeThread, loadThreadInfo, loadThreads } from './threads.ts'

let t: TestApp

beforeEach(async () => {
  t = createAdminTestApi()
  await logIn(TEST_PASSWORD)
})

afterEach(() => {
  $threads.set({ status: 'idle', threads: [] })
  $threadInfo.set(undefined)
  $session.set({ status: 'checking' })
})

describe('threads', () => {
  it('are listed with their counts, and close and reopen', async () => {
    await t.create({ uri: '/a', text: 'hello', title: 'Post A' })
    await loadThreads()
    expect($threads.get().threads).toEqual([
      expect.objectContaining({ uri: '/a', title: 'Post A', closed: false }),
    ])
    await closeThread('/a', true)
    expect($threads.get().threads[0]?.closed).toBe(true)
    expect(await t.thread('/a')).toMatchObject({ closed: true })
    await closeThread('/a', false)
    expect((await t.thread('/a')).closed).toBeUndefined()
  })

  it('tell the one-thread view whether a thread is closed, listed or not', async () => {
    await t.create({ uri: '/a', text: 'hello' })
    await loadThreadInfo('/a')
    expect($threadInfo.get()).toMatchObject({ uri: '/a', closed: false, thread: { uri: '/a' } })
    await loadThreadInfo('/never')
    expect($threadInfo.get()).toEqual({ uri: '/never', closed: false, thread: undefined })
    await closeThread('/never', true)
    expect($threadInfo.get()).toMatchObject({ uri: '/never', closed: true })
  })
})
