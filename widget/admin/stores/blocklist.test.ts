import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAdminTestApi, TEST_PASSWORD } from '../../../test/support/create-admin-test-api.ts'
import type { TestApp } from '../../../test/support/create-test-app.ts'
import { en } from '../i18n/en.ts'
import {
  $blocklist,
  addEntry,
  banAuthor,
  isBanned,
  loadBlocklist,
  removeEntry,
} from './blocklist.ts'
import { $notice, undoLast } from './notice.ts'
import { $session, logIn } from './session.ts'

let t: TestApp
const CLIENT = 'c'.repeat(64)

beforeEach(async () => {
  t = createAdminTestApi()
  await logIn(TEST_PASSWORD)
})

afterEach(() => {
  $blocklist.set({ status: 'idle', list: { words: [], emails: [], clients: [] } })
  $notice.set(undefined)
  $session.set({ status: 'checking' })
})

describe('the blocklist', () => {
  it('adds and removes words, emails and clients, as the server normalises them', async () => {
    await loadBlocklist()
    expect(await addEntry('words', 'Cheap  Pills')).toBeUndefined()
    expect(await addEntry('emails', '@Junk.example')).toBeUndefined()
    expect(await addEntry('clients', CLIENT)).toBeUndefined()
    expect($blocklist.get().list).toEqual({
      words: ['cheap pills'],
      emails: ['@junk.example'],
      clients: [CLIENT],
    })
    await removeEntry('words', 'cheap pills')
    await removeEntry('clients', CLIENT)
    expect($blocklist.get().list).toEqual({ words: [], emails: ['@junk.example'], clients: [] })
    expect($notice.get()?.say(en)).toBe(`${CLIENT} is off the blocklist.`)
  })

  it('refuses an entry the server would not match', async () => {
    await loadBlocklist()
    expect(await addEntry('emails', 'not an address')).toMatchObject({
      code: 'invalid_input',
      field: 'email',
    })
    expect($blocklist.get().list.emails).toEqual([])
  })

  it('bans an author from a comment, with an Undo; the next comment is spam', async () => {
    await banAuthor({ email: 'Ann@Example.com' }, 'Ann@Example.com')
    expect(isBanned($blocklist.get().list, { email: 'ann@example.com' })).toBe(true)
    expect(isBanned($blocklist.get().list, { email: 'ANN@example.com' })).toBe(true)
    expect($notice.get()?.say(en)).toBe('Ann@Example.com is banned: future comments go to spam.')
    const held = await t.send('POST', '/api/comments', {
      uri: '/p',
      text: 'hello',
      email: 'ann@example.com',
    })
    expect(held.status).toBe(202)
    await undoLast()
    expect($blocklist.get().list.emails).toEqual([])
  })
})
