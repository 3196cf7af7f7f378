import type { HTTPError, KyInstance } from 'ky'
import type {
  Comment,
  CommentResponse,
  CreatedResponse,
  NewComment,
  PreviewResponse,
  ThreadResponse,
  ThreadSort,
  VoteRequest,
  VoteResponse,
} from '../server/contract.ts'
import { fromErrorResponse, toApiError } from './lib/api-error.ts'

export interface ApiOptions {
  /** The Causerie server's origin, e.g. https://comments.example.com */
  baseUrl: string
  /** Replaces the network, e.g. with the server app's own fetch in tests. */
  fetch?: typeof fetch
}

interface Client {
  ky: KyInstance
  HTTPError: typeof HTTPError
}

let options: ApiOptions = { baseUrl: '' }
let client: Promise<Client> | undefined

/** Points every call at a server; call once before any other function here. */
export function configureApi(next: ApiOptions): void {
  options = next
  client = undefined
}

/**
 * Downloads ky, once. Reading needs no HTTP client (the thread comes with the loader's plain
 * fetch), so ky arrives with the forms, after the thread is painted (docs/architecture.md,
 * Budgets).
 */
export function loadClient(): Promise<Client> {
  client ??= import('ky').then(
    ({ default: ky, HTTPError }) => ({
      HTTPError,
      ky: ky.create({
        prefixUrl: options.baseUrl,
        fetch: options.fetch,
        timeout: 15_000,
        // Only reads are retried: a repeated POST could publish the same comment twice.
        retry: { limit: 2, methods: ['get'] },
      }),
    }),
    (error) => {
      client = undefined
      throw error
    },
  )
  return client
}

async function call<T>(send: (ky: KyInstance) => Promise<T>): Promise<T> {
  let loaded: Client | undefined
  try {
    loaded = await loadClient()
    return await send(loaded.ky)
  } catch (error) {
    throw loaded && error instanceof loaded.HTTPError
      ? await fromErrorResponse(error.response)
      : toApiError(error)
  }
}

/** What to read of the thread at `uri`; without `parent` nor `around`, its first page. */
export interface ThreadQuery {
  uri: string
  sort?: ThreadSort
  /** The `next` cursor of the previous page. */
  after?: string
  /** The replies below this top-level comment instead of top-level comments. */
  parent?: number
  /** The page of top-level comments that starts with the one holding this comment. */
  around?: number
}

/** A page of the thread: top-level comments with their first replies, or more replies of one. */
export function listComments(query: ThreadQuery): Promise<ThreadResponse> {
  return call((ky) => ky.get('api/comments', { searchParams: { ...query } }).json())
}

/** Counts the reader's vote on a comment (0 takes it back); resolves to the new score. */
export function voteComment(id: number, vote: VoteRequest): Promise<VoteResponse> {
  return call((ky) => ky.post(`api/comments/${id}/vote`, { json: vote }).json())
}

/** Publishes (201) or holds for moderation (202) a comment; keep the token to edit it. */
export function postComment(input: NewComment): Promise<CreatedResponse> {
  return call((ky) => ky.post('api/comments', { json: input }).json())
}

/** Replaces the text of an own comment while its edit window is open. */
export async function patchComment(id: number, text: string, token: string): Promise<Comment> {
  const answer = await call((ky) =>
    ky
      .patch(`api/comments/${id}`, { json: { text }, headers: bearer(token) })
      .json<CommentResponse>(),
  )
  return answer.comment
}

/** Deletes an own comment while its edit window is open. */
export async function deleteComment(id: number, token: string): Promise<void> {
  await call((ky) => ky.delete(`api/comments/${id}`, { headers: bearer(token) }))
}

/** The HTML the server renders for `text`. */
export async function previewComment(text: string): Promise<string> {
  const answer = await call((ky) =>
    ky.post('api/preview', { json: { text } }).json<PreviewResponse>(),
  )
  return answer.html
}

/** Reads a plain fetch (the loader's thread request) the way the calls above read ky's. */
export async function readResponse<T>(request: Promise<Response>): Promise<T> {
  try {
    const response = await request
    if (!response.ok) throw await fromErrorResponse(response)
    return await response.json()
  } catch (error) {
    throw toApiError(error)
  }
}

function bearer(token: string): Record<string, string> {
  // contract.ts AUTH_HEADER; the widget takes only types and LIMITS from the server's files.
  return { Authorization: `Bearer ${token}` }
}
