import ky, { HTTPError, type KyInstance, type Options } from 'ky'
import type {
  AdminBulkRequest,
  AdminBulkResponse,
  AdminComment,
  AdminCommentChange,
  AdminCommentResponse,
  AdminCommentsQuery,
  AdminCommentsResponse,
  AdminLoginRequest,
  AdminReplyRequest,
  AdminSessionResponse,
  AdminStatsResponse,
  AdminThread,
  AdminThreadChange,
  AdminThreadResponse,
  AdminThreadsResponse,
  BanTarget,
  Blocklist,
  CommentStatus,
  EraseRequest,
  EraseResponse,
  ThreadResponse,
} from '../../server/contract.ts'
import { fromErrorResponse, toApiError } from '../lib/api-error.ts'

export interface AdminApiOptions {
  /** The server's origin: the panel is served by the server it moderates. */
  baseUrl: string
  /** Replaces the network, e.g. with the server app's own fetch in tests. */
  fetch?: typeof fetch
}

/** What the comment views ask for; every field narrows the list. */
export type CommentQuery = Pick<AdminCommentsQuery, 'uri' | 'q'> & { status?: CommentStatus }

/** Comments per request: enough for a screen, well under LIMITS.adminPageMax. */
const PAGE = 50

let client: KyInstance | undefined

/** Points every call at a server; main.tsx calls it once, tests with the app's own fetch. */
export function configureAdminApi({ baseUrl, fetch }: AdminApiOptions): void {
  client = ky.create({
    prefixUrl: `${baseUrl}/api`,
    fetch,
    // The session cookie is HttpOnly and SameSite=Strict: the browser sends it, script never sees it.
    credentials: 'same-origin',
    timeout: 15_000,
    retry: { limit: 1, methods: ['get'] },
  })
}

async function call<T>(send: (ky: KyInstance) => Promise<T>): Promise<T> {
  if (!client) throw new Error('configureAdminApi() first')
  try {
    return await send(client)
  } catch (error) {
    throw error instanceof HTTPError ? await fromErrorResponse(error.response) : toApiError(error)
  }
}

const json = <T>(path: string, options?: Options) => call((ky) => ky(path, options).json<T>())

/** Starts a session; the answer sets the cookie. Throws wrong_password (401) or rate_limited (429). */
export async function login(password: string): Promise<void> {
  await call((ky) => ky.post('admin/login', { json: { password } satisfies AdminLoginRequest }))
}

/** Ends the session, on the server and in this browser. */
export async function logout(): Promise<void> {
  await call((ky) => ky.post('admin/logout'))
}

/** The current session, or unauthorized (401) without one. */
export function getSession(): Promise<AdminSessionResponse> {
  return json('admin/session')
}

/** One page of comments: the pending queue oldest first, every other view newest first. */
export function listComments(
  query: CommentQuery,
  cursor?: number | null,
): Promise<AdminCommentsResponse> {
  const searchParams = new URLSearchParams({ limit: String(PAGE) })
  for (const key of ['status', 'uri', 'q'] as const) {
    const value = query[key]
    if (value) searchParams.set(key, value)
  }
  if (cursor) searchParams.set(query.status === 'pending' ? 'after' : 'before', String(cursor))
  return json('admin/comments', { searchParams })
}

/** One comment, whatever its status. */
export async function getComment(id: number): Promise<AdminComment> {
  const answer = await json<AdminCommentResponse>(`admin/comments/${id}`)
  return answer.comment
}

/** Changes the status or the text of a comment. */
export async function updateComment(id: number, change: AdminCommentChange): Promise<AdminComment> {
  const answer = await json<AdminCommentResponse>(`admin/comments/${id}`, {
    method: 'patch',
    json: change,
  })
  return answer.comment
}

/** Gives many comments one status; nothing changes unless every id exists. */
export async function setStatuses(ids: number[], status: CommentStatus): Promise<AdminComment[]> {
  const answer = await json<AdminBulkResponse>('admin/comments/bulk', {
    method: 'post',
    json: { ids, status } satisfies AdminBulkRequest,
  })
  return answer.comments
}

/** Publishes the owner's reply (marked isOwner) to a comment, approving a held one. */
export async function replyAsOwner(id: number, text: string, name: string): Promise<AdminComment> {
  const answer = await json<AdminCommentResponse>(`admin/comments/${id}/reply`, {
    method: 'post',
    json: { text, name } satisfies AdminReplyRequest,
  })
  return answer.comment
}

/** Threads, latest comment first, with their counts. */
export async function listThreads(): Promise<AdminThread[]> {
  const answer = await json<AdminThreadsResponse>('admin/threads', {
    searchParams: { limit: 500 },
  })
  return answer.threads
}

/** Closes a thread to new comments, or opens it again. */
export async function setThreadClosed(uri: string, closed: boolean): Promise<AdminThread> {
  const answer = await json<AdminThreadResponse>('admin/threads', {
    method: 'patch',
    json: { uri, closed } satisfies AdminThreadChange,
  })
  return answer.thread
}

/** The thread as readers see it: whether it is closed, and its published comments. */
export function getPublicThread(uri: string): Promise<ThreadResponse> {
  return json('comments', { searchParams: { uri } })
}

/** Comments per day over the last 30 days, and totals by status. */
export function getStats(): Promise<AdminStatsResponse> {
  return json('admin/stats')
}

/** The words, emails and clients whose new comments go to spam. */
export function getBlocklist(): Promise<Blocklist> {
  return json('admin/blocklist')
}

/** Replaces the whole blocklist; answers it as the server normalised it. */
export function putBlocklist(list: Blocklist): Promise<Blocklist> {
  return json('admin/blocklist', { method: 'put', json: list })
}

/** Bans an email (or a domain, "@example.com") or a client. */
export function ban(target: BanTarget): Promise<Blocklist> {
  return json('admin/bans', { method: 'post', json: target })
}

/** Lifts a ban. */
export function unban(target: BanTarget): Promise<Blocklist> {
  return json('admin/bans', { method: 'delete', searchParams: target })
}

/** Erases everything tied to an address: its comments, subscription, mails and ban. */
export function eraseEmail(email: string): Promise<EraseResponse> {
  return json('admin/erase', { method: 'post', json: { email } satisfies EraseRequest })
}
