import { atom } from 'nanostores'
import type { AdminSessionResponse } from '../../../server/contract.ts'
import { type ApiError, toApiError } from '../../lib/api-error.ts'
import { getSession, login, logout } from '../api.ts'

export interface SessionState {
  /** `error`: the server could not say (unreachable, down). */
  status: 'checking' | 'out' | 'in' | 'error'
  /** What the server is set up to do, once logged in. */
  info?: AdminSessionResponse
  /** The session ended on its own (expired, or logged out elsewhere): said at the login. */
  ended?: boolean
  error?: ApiError
}

export const $session = atom<SessionState>({ status: 'checking' })

/** Asks the server whether the browser's cookie still names a session. */
export async function checkSession(): Promise<void> {
  try {
    $session.set({ status: 'in', info: await getSession() })
  } catch (error) {
    const failure = toApiError(error)
    $session.set(
      failure.code === 'unauthorized' ? { status: 'out' } : { status: 'error', error: failure },
    )
  }
}

/** Logs in with the owner's password; resolves to the error, if any. */
export async function logIn(password: string): Promise<ApiError | undefined> {
  try {
    await login(password)
  } catch (error) {
    return toApiError(error)
  }
  await checkSession()
}

/** Logs out; resolves to the error, if any (the session then stays as it was). */
export async function logOut(): Promise<ApiError | undefined> {
  try {
    await logout()
  } catch (error) {
    return toApiError(error)
  }
  $session.set({ status: 'out' })
}

/** A call answered 401: the session expired or was ended elsewhere. */
export function sessionEnded(): void {
  if ($session.get().status === 'in') $session.set({ status: 'out', ended: true })
}

/** Any thrown value as an ApiError; a 401 also ends the session in the panel. */
export function failed(error: unknown): ApiError {
  const failure = toApiError(error)
  if (failure.code === 'unauthorized') sessionEnded()
  return failure
}
