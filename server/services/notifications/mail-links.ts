import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { DomainError } from '../../errors.ts'

/** What a link in a mail lets its holder do, once its signature is checked. */
export type LinkClaim = ModerationClaim | AddressClaim

/** The owner's Approve and Delete links; the two of one mail share their nonce. */
export interface ModerationClaim {
  kind: 'approve' | 'delete'
  commentId: number
  nonce: string
  /** commentVersion() of the text the mail showed: Approve approves that text, not a later edit. */
  version: string
  expiresAt: number
}

/** A reader's confirmation and unsubscribe links, for a lower-cased address. */
export type AddressClaim =
  | { kind: 'confirm'; email: string; expiresAt: number }
  | { kind: 'unsubscribe'; email: string }

export function isModerationClaim(claim: LinkClaim): claim is ModerationClaim {
  return claim.kind === 'approve' || claim.kind === 'delete'
}

export type LinkKind = LinkClaim['kind']

/** How long approve, delete and confirm links work: a week, as the issue asks. */
export const LINK_LIFETIME_MS = 7 * 86_400_000

/** Short keys keep the links in mails short. */
interface WireClaim {
  k: LinkKind
  c?: number
  n?: string
  v?: string
  m?: string
  e?: number
}

/**
 * Names one version of a comment's text: the first 128 bits of its SHA-256, base64url (22
 * characters), enough that no edit can be made to match it.
 */
export function commentVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().subarray(0, 16).toString('base64url')
}

/**
 * Signs a claim into a URL-safe token: base64url(JSON) "." base64url(HMAC-SHA256). Anyone can
 * read a token, nobody without the key can make or change one. Unsubscribe links never expire
 * (RFC 8058 expects them to keep working).
 */
export function signLink(key: Uint8Array, claim: LinkClaim): string {
  const wire: WireClaim =
    claim.kind === 'unsubscribe'
      ? { k: claim.kind, m: claim.email }
      : claim.kind === 'confirm'
        ? { k: claim.kind, m: claim.email, e: claim.expiresAt }
        : {
            k: claim.kind,
            c: claim.commentId,
            n: claim.nonce,
            v: claim.version,
            e: claim.expiresAt,
          }
  const body = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url')
  return `${body}.${mac(key, body).toString('base64url')}`
}

/**
 * Reads a token made by signLink for one of `kinds`: 400 invalid_link when it is malformed,
 * forged or of another kind, 410 link_expired once its time is over.
 */
export function readLink(
  key: Uint8Array,
  token: string | undefined,
  kinds: readonly LinkKind[],
  now: number,
): LinkClaim {
  const [body, signature, extra] = (token ?? '').split('.')
  if (!body || !signature || extra !== undefined) throw invalidLink()
  const expected = mac(key, body)
  const actual = Buffer.from(signature, 'base64url')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalidLink()
  const claim = parse(Buffer.from(body, 'base64url').toString('utf8'))
  if (!claim || !kinds.includes(claim.kind)) throw invalidLink()
  if ('expiresAt' in claim && now >= claim.expiresAt) {
    throw new DomainError('link_expired', 'This link has expired; links in mails work for 7 days.')
  }
  return claim
}

function mac(key: Uint8Array, body: string): Buffer {
  return createHmac('sha256', key).update(body, 'utf8').digest()
}

/** The signature is checked first, so this only guards against our own older formats. */
function parse(json: string): LinkClaim | undefined {
  let wire: WireClaim
  try {
    wire = JSON.parse(json) as WireClaim
  } catch {
    return undefined
  }
  const { k, c, n, v, m, e } = wire
  if (k === 'unsubscribe' && typeof m === 'string') return { kind: k, email: m }
  if (typeof e !== 'number') return undefined
  if (k === 'confirm' && typeof m === 'string') return { kind: k, email: m, expiresAt: e }
  const isModeration = k === 'approve' || k === 'delete'
  if (isModeration && typeof c === 'number' && typeof n === 'string' && typeof v === 'string') {
    return { kind: k, commentId: c, nonce: n, version: v, expiresAt: e }
  }
  return undefined
}

function invalidLink(): DomainError {
  return new DomainError(
    'invalid_link',
    'This link is not valid; copy the whole link from the mail, or use the admin panel.',
  )
}
