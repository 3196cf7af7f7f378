import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { expect } from 'vitest'
import {
  type Comment,
  type CountsResponse,
  type CreatedResponse,
  type ErrorBody,
  type ErrorCode,
  LIMITS,
  type NewComment,
  type PreviewResponse,
  type ThreadResponse,
} from '../../server/contract.ts'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string>
  /** A string is sent as UTF-8; a Buffer byte for byte; a stream chunked. */
  body?: string | Buffer | Readable
}

/**
 * One HTTP request with node:http, so that a test controls every byte and header (Origin,
 * X-Forwarded-For, invalid UTF-8, streamed bodies). A new connection each time: restarts and
 * SIGKILLs never leave a stale keep-alive socket behind.
 */
export function http(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const { method = 'GET', headers = {}, body } = init
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        // A streamed body may be endless: once the answer is complete, stop sending it.
        if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
          body.unpipe(req)
          req.destroy()
        }
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try {
          json = text === '' ? undefined : JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
    })
    let answered = false
    req.on('response', () => {
      answered = true
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A server may answer 413 and close while a large body is still being written; the
      // answer counts, the broken pipe on our side does not.
      if (answered && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) return
      reject(error)
    })
    if (body === undefined) req.end()
    else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      // Node sends a DELETE body with neither length nor chunking unless told its length.
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
        req.setHeader('content-length', Buffer.byteLength(body))
      }
      req.end(body)
    } else body.pipe(req)
  })
}

/**
 * Typed calls to the public API of one server. `observe` sees every answer, so that a test file
 * can assert at its end that none was a 5xx or leaked a secret.
 */
export function apiClient(origin: () => string, observe?: (res: RawResponse) => void) {
  const observed = async (url: string, init?: RawRequest) => {
    const res = await http(url, init)
    observe?.(res)
    return res
  }
  const sendJson = (
    url: string,
    method: string,
    value: unknown,
    headers?: Record<string, string>,
  ) =>
    observed(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(value),
    })
  return {
    /** GET any path of the server. */
    get: (path: string, headers?: Record<string, string>) =>
      observed(`${origin()}${path}`, { headers }),
    getThread: (uri: string) => observed(`${origin()}/api/comments?uri=${encodeURIComponent(uri)}`),
    /** One page of GET /api/comments, with these query parameters. */
    async page(query: Record<string, string | number>): Promise<ThreadResponse> {
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))
      const res = await observed(`${origin()}/api/comments?${params}`)
      expectStatus(res, 200)
      return res.json as ThreadResponse
    },
    /**
     * The whole thread as readers see it, every page and every reply followed: each top-level
     * comment, then its conversation. Without the paging and voting fields, which tests of
     * their own check.
     */
    async thread(uri: string): Promise<ShownThread> {
      const first = await this.page({ uri, limit: LIMITS.pageMax })
      const pages = [first]
      for (let next = first.next; next; next = pages.at(-1)?.next ?? null) {
        pages.push(await this.page({ uri, limit: LIMITS.pageMax, after: next }))
      }
      const comments: Comment[] = []
      for (const page of pages) {
        for (const comment of page.comments) {
          comments.push(comment)
          const shown = page.comments.filter((reply) => isBelow(reply, comment, page.comments))
          if ((comment.replies ?? 0) > shown.length) {
            const known = new Set(shown.map((reply) => reply.id))
            for (let after: string | null | undefined; after !== null; ) {
              const more = await this.page({
                uri,
                parent: comment.id,
                limit: LIMITS.pageMax,
                ...(after ? { after } : {}),
              })
              comments.push(...more.comments.filter((reply) => !known.has(reply.id)))
              after = more.next
            }
          }
        }
      }
      const { next, sort, votes, comments: _, ...rest } = first
      return { ...rest, comments: comments.map(({ score, replies, ...comment }) => comment) }
    },
    post: (input: unknown, headers?: Record<string, string>) =>
      sendJson(`${origin()}/api/comments`, 'POST', input, headers),
    async create(input: NewComment, headers?: Record<string, string>): Promise<CreatedResponse> {
      const res = await this.post(input, headers)
      expectStatus(res, 201)
      return res.json as CreatedResponse
    },
    patch: (id: number | string, text: unknown, token?: string, headers?: Record<string, string>) =>
      sendJson(`${origin()}/api/comments/${id}`, 'PATCH', { text }, withToken(token, headers)),
    remove: (id: number | string, token?: string, headers?: Record<string, string>) =>
      observed(`${origin()}/api/comments/${id}`, {
        method: 'DELETE',
        headers: withToken(token, headers),
      }),
    getCounts: (uris: string[]) =>
      observed(
        `${origin()}/api/counts?${uris.map((u) => `uri=${encodeURIComponent(u)}`).join('&')}`,
      ),
    async counts(uris: string[]): Promise<CountsResponse['counts']> {
      const res = await this.getCounts(uris)
      expectStatus(res, 200)
      return (res.json as CountsResponse).counts
    },
    async preview(text: string): Promise<string> {
      const res = await sendJson(`${origin()}/api/preview`, 'POST', { text })
      expectStatus(res, 200)
      return (res.json as PreviewResponse).html
    },
  }
}

/** A thread's comments without the paging and voting fields. */
export type ShownThread = Omit<ThreadResponse, 'next' | 'sort' | 'votes'>

/** Whether `reply` hangs below `root` (at any depth), as far as this page shows. */
function isBelow(reply: Comment, root: Comment, page: readonly Comment[]): boolean {
  const byId = new Map(page.map((comment) => [comment.id, comment]))
  for (let parent = reply.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) {
    if (parent === root.id) return true
  }
  return false
}

function withToken(token: string | undefined, headers: Record<string, string> = {}) {
  return token === undefined ? headers : { authorization: `Bearer ${token}`, ...headers }
}

/** Asserts the status, with the whole answer in the message of a failure. */
export function expectStatus(res: RawResponse, status: number): void {
  expect(res.status, `${res.status} ${res.text.slice(0, 500)}`).toBe(status)
}

/** The error body of a 4xx answer, checked for the documented shape. */
export function errorOf(res: RawResponse): ErrorBody['error'] {
  const error = (res.json as Partial<ErrorBody> | undefined)?.error
  expect(error, `an error body { error: { code, message } } in: ${res.text.slice(0, 500)}`).toEqual(
    {
      code: expect.any(String),
      message: expect.stringMatching(/\S/),
      ...(error?.field === undefined ? {} : { field: expect.any(String) }),
    },
  )
  return error as ErrorBody['error']
}

/** Asserts status, code and (when given) field of an error answer. */
export function expectError(
  res: RawResponse,
  status: number,
  code: ErrorCode,
  field?: string,
): void {
  const seen = `${res.status} ${res.text.slice(0, 500)}`
  expect({ status: res.status, code: errorOf(res).code }, seen).toEqual({ status, code })
  if (field !== undefined) expect(errorOf(res).field, seen).toBe(field)
}
