import { beforeEach, describe, expect, it } from 'vitest'
import { configureApi, postComment, previewComment } from './api.ts'
import { ApiError } from './lib/api-error.ts'

let calls: number
let answer: () => Promise<Response>

beforeEach(() => {
  calls = 0
  configureApi({
    baseUrl: 'http://causerie.test',
    fetch: () => {
      calls++
      return answer()
    },
  })
})

const post = () => postComment({ uri: '/post', text: 'Hi' })

describe('api', () => {
  it('turns an ErrorBody into an ApiError with its code, status and field', async () => {
    answer = async () =>
      new Response(
        JSON.stringify({ error: { code: 'invalid_input', message: 'Bad email', field: 'email' } }),
        {
          status: 400,
          headers: { 'content-type': 'application/json' },
        },
      )
    const error = await post().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      code: 'invalid_input',
      status: 400,
      field: 'email',
      message: 'Bad email',
    })
  })

  it('calls a failure to get any answer a network error', async () => {
    answer = () => Promise.reject(new TypeError('Failed to fetch'))
    await expect(previewComment('Hi')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('never sends a POST twice, even when the server is unavailable', async () => {
    answer = async () => new Response('Service Unavailable', { status: 503 })
    await expect(post()).rejects.toMatchObject({ code: 'unavailable', status: 503 })
    expect(calls).toBe(1)
  })
})
