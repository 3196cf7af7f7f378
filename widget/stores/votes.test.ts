import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createFakeThreadApi,
  type FakeThreadApi,
  fakeComment,
} from '../../test/support/create-fake-thread-api.ts'
import { createTestApp } from '../../test/support/create-test-app.ts'
import { configureApi } from '../api.ts'
import { $thread, loadThread } from './thread.ts'
import { $votes, loadVotes, moveVote, vote } from './votes.ts'

let items: Map<string, string>
let fake: FakeThreadApi

beforeEach(async () => {
  items = new Map()
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
  })
  fake = createFakeThreadApi([fakeComment(1), fakeComment(2)])
  loadVotes()
  await loadThread('/post')
})

afterEach(() => {
  vi.unstubAllGlobals()
  $thread.set({ status: 'idle', comments: [], total: 0 })
})

const scoreOf = (id: number) => $thread.get().comments.find((c) => c.id === id)?.score

describe('votes', () => {
  it('show at once, count on the server, and are remembered for the next visit', async () => {
    const voting = vote(1, 1)
    expect({ mine: $votes.get()[1], score: scoreOf(1) }).toEqual({
      mine: 1,
      score: { up: 1, down: 0 },
    })
    expect(await voting).toBeUndefined()
    expect(fake.comments[0]?.score).toEqual({ up: 1, down: 0 })
    $votes.set({})
    loadVotes()
    expect($votes.get()).toEqual({ 1: 1 })
  })

  it('move from up to down, and are taken back with 0', async () => {
    await vote(1, 1)
    await vote(1, -1)
    expect(scoreOf(1)).toEqual({ up: 0, down: 1 })
    await vote(1, 0)
    expect({ mine: $votes.get(), score: scoreOf(1) }).toEqual({
      mine: {},
      score: { up: 0, down: 0 },
    })
    expect(JSON.parse(items.get('causerie:votes') ?? '')).toEqual({})
  })

  it('are rolled back when the server refuses them', async () => {
    await vote(2, 1)
    fake.failVotes = { status: 403, code: 'votes_disabled' }
    const failure = await vote(2, -1)
    expect(failure).toMatchObject({ code: 'votes_disabled', status: 403 })
    expect({ mine: $votes.get()[2], score: scoreOf(2) }).toEqual({
      mine: 1,
      score: { up: 1, down: 0 },
    })
  })

  it('are cast with one voter id, made once and kept', async () => {
    await vote(1, 1)
    await vote(2, -1)
    const [first, second] = fake.votes.map((body) => body.voter)
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(second).toBe(first)
    expect(JSON.parse(items.get('causerie:voter') ?? '')).toBe(first)
  })

  it('are cast with the voter id kept from an earlier visit', async () => {
    items.set('causerie:voter', JSON.stringify('kept-voter-id-0123456789'))
    await vote(1, 1)
    expect(fake.votes.map((body) => body.voter)).toEqual(['kept-voter-id-0123456789'])
  })

  it('ignore stored values that are not votes', () => {
    items.set('causerie:votes', JSON.stringify({ 1: 1, 2: -1, 3: 5, 4: 'up', 5: 0 }))
    loadVotes()
    expect($votes.get()).toEqual({ 1: 1, 2: -1 })
  })
})

describe('moveVote', () => {
  it('moves one vote between up and down', () => {
    expect(moveVote({ up: 3, down: 2 }, 1, -1)).toEqual({ up: 2, down: 3 })
    expect(moveVote({ up: 3, down: 2 }, 0, 1)).toEqual({ up: 4, down: 2 })
    expect(moveVote({ up: 3, down: 2 }, -1, 0)).toEqual({ up: 3, down: 1 })
  })
})

describe('votes against the server', () => {
  /** A real app with one comment, reached through the widget's api.ts. */
  async function serve(votes: string): Promise<number> {
    const server = createTestApp({ env: { CAUSERIE_VOTES: votes } })
    const { comment } = await server.create({ uri: '/post', text: 'Vote on me' })
    configureApi({
      baseUrl: 'http://causerie.test',
      fetch: async (input, init) => server.app.fetch(new Request(input, init)),
    })
    await loadThread('/post')
    return comment.id
  }

  it('count once per reader, and change with the reader’s mind', async () => {
    const id = await serve('on')
    expect(await vote(id, 1)).toBeUndefined()
    expect(await vote(id, 1)).toBeUndefined()
    expect(scoreOf(id)).toEqual({ up: 1, down: 0 })
    await vote(id, -1)
    expect(scoreOf(id)).toEqual({ up: 0, down: 1 })
  })

  it('are refused and rolled back when the server takes up votes only', async () => {
    const id = await serve('up')
    expect($thread.get().votes).toBe('up')
    expect(await vote(id, -1)).toMatchObject({ code: 'votes_disabled', status: 403 })
    expect({ mine: $votes.get()[id], score: scoreOf(id) }).toEqual({
      mine: undefined,
      score: { up: 0, down: 0 },
    })
  })
})
