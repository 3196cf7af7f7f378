import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_T0, type TestApp } from '../../test/support/create-test-app.ts'
import { configureApi } from '../api.ts'
import { submitComment } from '../write/stores/draft.ts'
import { $clock } from './clock.ts'
import { $settings } from './settings.ts'
import { $thread } from './thread.ts'
import {
  $tokens,
  canEdit,
  deleteOwnComment,
  editOwnComment,
  forgetListed,
  heldComments,
  loadTokens,
  rememberToken,
} from './tokens.ts'

/** localStorage is the browser's: a plain Map stands in for it under Node. */
class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value))
  }
}

const KEY = 'causerie:tokens'
const MINUTE = 60_000
// The test server's clock starts at TEST_T0; the widget's Date is pinned there too, since
// rememberToken drops the tokens whose window has closed by Date.now().
const now = TEST_T0
let server: TestApp
let storage: MemoryStorage

beforeEach(() => {
  vi.useFakeTimers({ now, toFake: ['Date'] })
  server = createTestApp()
  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input, init) => server.app.fetch(new Request(input, init)),
  })
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
  $settings.set({ uri: '/post', title: 'A post', lang: 'en', theme: 'auto' })
  $thread.set({ status: 'ready', comments: [], total: 0 })
  $clock.set(now)
  $tokens.set({})
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

async function post(text: string, app = server) {
  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: async (input, init) => app.app.fetch(new Request(input, init)),
  })
  const error = await submitComment({ text, name: 'Ada', email: '', website: '' })
  expect(error).toBeUndefined()
  const comment = $thread.get().comments.at(-1)
  if (!comment) throw new Error('nothing was posted')
  return comment.id
}

describe('own comments', () => {
  it('keeps the token of a posted comment, in memory and in storage', async () => {
    const id = await post('Mine')
    expect(canEdit(id)).toBe(true)
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')[id]).toMatchObject({ text: 'Mine' })
  })

  it('edits with the kept token and remembers the new text', async () => {
    const id = await post('Mine')
    expect(await editOwnComment(id, 'Mine, *edited*')).toBeUndefined()
    const edited = $thread.get().comments.find((c) => c.id === id)
    expect(edited?.html).toContain('<em>edited</em>')
    expect(edited?.editedAt).not.toBeNull()
    expect($tokens.get()[id]?.text).toBe('Mine, *edited*')
  })

  it('deletes with the kept token and forgets it', async () => {
    const id = await post('Mine')
    expect(await deleteOwnComment(id)).toBeUndefined()
    expect($thread.get()).toMatchObject({ comments: [], total: 0 })
    expect($tokens.get()).toEqual({})
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')).toEqual({})
  })

  it('reports the server’s refusal once the edit window is over', async () => {
    const id = await post('Mine')
    server.tick(60 * MINUTE)
    expect(await editOwnComment(id, 'Too late')).toMatchObject({ code: 'edit_window_closed' })
  })

  it('cannot change a comment it holds no token for', async () => {
    expect(await deleteOwnComment(42)).toMatchObject({ code: 'token_missing' })
  })

  it('measures the window on the reader’s clock, however far it is from the server’s', async () => {
    vi.setSystemTime(now + 60 * MINUTE)
    const id = await post('Mine')
    $clock.set(Date.now() + 14 * MINUTE)
    expect(canEdit(id)).toBe(true)
  })

  it('stops offering Edit when the clock passes the end of the window', async () => {
    const id = await post('Mine')
    $clock.set(now + 16 * MINUTE)
    expect(canEdit(id)).toBe(false)
  })
})

describe('loadTokens', () => {
  it('drops expired and malformed entries', () => {
    const open = { token: 't1', editableUntil: new Date(now + MINUTE).toISOString(), text: 'a' }
    const expired = { token: 't2', editableUntil: new Date(now - MINUTE).toISOString(), text: 'b' }
    storage.setItem(KEY, JSON.stringify({ 1: open, 2: expired, 3: { token: 5 }, 4: null }))
    loadTokens(now)
    expect($tokens.get()).toEqual({ 1: open })
  })

  it('survives storage that throws, as in Safari’s private mode', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }
    vi.stubGlobal('localStorage', { getItem: blocked, setItem: blocked })
    loadTokens(now)
    rememberToken(7, { token: 't', editableUntil: new Date(now + MINUTE).toISOString(), text: 'x' })
    expect(canEdit(7)).toBe(true)
  })

  it('survives storage holding something else than JSON', () => {
    storage.setItem(KEY, '{not json')
    loadTokens(now)
    expect($tokens.get()).toEqual({})
  })
})

describe('held comments', () => {
  const DAY = 24 * 60 * MINUTE

  it('are kept with their token, and shown to their author while the server lists them not', async () => {
    const id = await post('Wait for me', createTestApp({ env: { CAUSERIE_MODERATION: 'all' } }))
    expect($thread.get().comments.find((c) => c.id === id)?.status).toBe('pending')
    // A reload: the server's thread is empty, the kept copy fills the gap, in this thread only.
    $tokens.set({})
    loadTokens(now + 10 * MINUTE)
    expect(heldComments($tokens.get(), '/post', []).map((c) => [c.id, c.status])).toEqual([
      [id, 'pending'],
    ])
    expect(heldComments($tokens.get(), '/other', [])).toEqual([])
  })

  it('outlive the edit window by a day, and no more', async () => {
    const id = await post('Wait for me', createTestApp({ env: { CAUSERIE_MODERATION: 'all' } }))
    // The test server's edit window is 15 minutes.
    const dayLater = now + 15 * MINUTE + DAY
    loadTokens(dayLater - MINUTE)
    $clock.set(dayLater - MINUTE)
    expect(heldComments($tokens.get(), '/post', []).map((c) => c.id)).toEqual([id])
    expect(canEdit(id)).toBe(false)
    loadTokens(dayLater)
    expect($tokens.get()).toEqual({})
  })

  it('give way to the server’s copy once it is approved, and are then forgotten', async () => {
    const id = await post('Wait for me', createTestApp({ env: { CAUSERIE_MODERATION: 'all' } }))
    const [held] = $thread.get().comments
    if (!held) throw new Error('nothing was posted')
    // The thread shows it as the reader posted it: still held, still kept.
    forgetListed($thread.get().comments)
    expect($tokens.get()[id]?.held?.comment).toEqual(held)
    const published = { ...held, status: 'published' as const }
    expect(heldComments($tokens.get(), '/post', [published])).toEqual([])
    forgetListed([published])
    expect($tokens.get()[id]?.held).toBeUndefined()
    expect(JSON.parse(storage.getItem(KEY) ?? '{}')[id].held).toBeUndefined()
    expect(canEdit(id)).toBe(true)
  })

  it('keep an edit made while held', async () => {
    const id = await post('Wait for me', createTestApp({ env: { CAUSERIE_MODERATION: 'all' } }))
    expect(await editOwnComment(id, 'Waiting, *edited*')).toBeUndefined()
    const [shown] = heldComments($tokens.get(), '/post', [])
    expect(shown?.html).toContain('<em>edited</em>')
  })

  it('are not kept for published comments', async () => {
    const id = await post('Published at once')
    expect($tokens.get()[id]?.held).toBeUndefined()
  })
})
