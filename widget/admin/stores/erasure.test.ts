import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAdminTestApi, TEST_PASSWORD } from '../../../test/support/create-admin-test-api.ts'
import type { TestApp } from '../../../test/support/create-test-app.ts'
import { en } from '../i18n/en.ts'
import { fr } from '../i18n/fr.ts'
import { $blocklist, addEntry, loadBlocklist } from './blocklist.ts'
import { eraseReader } from './erasure.ts'
import { $notice } from './notice.ts'
import { $session, logIn } from './session.ts'

let t: TestApp

beforeEach(async () => {
  t = createAdminTestApi()
  await logIn(TEST_PASSWORD)
})

afterEach(() => {
  $blocklist.set({ status: 'idle', list: { words: [], emails: [], clients: [] } })
  $notice.set(undefined)
  $session.set({ status: 'checking' })
})

describe('eraseReader', () => {
  it('erases a reader’s comments and ban, and says so in the live region', async () => {
    await t.create({ uri: '/p', text: 'one', email: 'ann@example.com' })
    await t.create({ uri: '/p', text: 'two', email: 'Ann@Example.com' })
    await loadBlocklist()
    await addEntry('emails', 'ann@example.com')
    expect(await eraseReader('ann@example.com')).toBeUndefined()
    expect((await t.thread('/p')).comments).toEqual([])
    expect($blocklist.get().list.emails).toEqual([])
    expect($notice.get()?.say(en)).toBe(
      'Erased ann@example.com: 2 comments, 0 subscriptions, 0 mails.',
    )
    expect($notice.get()?.say(fr)).toBe(
      'ann@example.com effacé\u202f: 2\u00a0commentaires, 0\u00a0abonnement, 0\u00a0courriel.',
    )
    expect($notice.get()?.undo).toBeUndefined()
  })

  it('resolves to the error of an invalid address, leaving the notice alone', async () => {
    expect(await eraseReader('not an address')).toMatchObject({ code: 'invalid_input' })
    expect($notice.get()).toBeUndefined()
  })
})
