import type { BanTarget, Blocklist } from '../../contract.ts'
import { LIMITS } from '../../contract.ts'
import { invalidInput } from '../../errors.ts'
import { isEmail } from '../../lib/is-email.ts'
import type { JsonObject } from '../../lib/string-field.ts'
import { rejectControls } from '../../lib/string-field.ts'
import type { BlocklistKind, Store } from '../../store/store.ts'

const WORD_MAX = 100
const CLIENT_HASH = /^[0-9a-f]{64}$/
const DOMAIN = /^@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u

/** What a new comment is screened on; a match makes it spam. */
export interface Candidate {
  text: string
  name: string
  website: string | null
  email: string | null
  clientHash: string
  /** The same client under the previous period's key (services/client-hasher.ts), if known. */
  previousClientHash?: string | undefined
}

export type BlocklistService = ReturnType<typeof createBlocklistService>

const KINDS: Record<keyof Blocklist, BlocklistKind> = {
  words: 'word',
  emails: 'email',
  clients: 'client',
}

/** The owner's blocklist of words, emails and clients, one store row per entry. */
export function createBlocklistService(store: Store) {
  async function get(): Promise<Blocklist> {
    const list: Blocklist = { words: [], emails: [], clients: [] }
    const lists = { word: list.words, email: list.emails, client: list.clients }
    for (const row of await store.listBlocklist()) lists[row.kind].push(row.value)
    return list
  }

  return {
    /** The whole blocklist. */
    get,

    /** Replaces the whole blocklist with a checked one, in one transaction. */
    async replace(list: Blocklist): Promise<Blocklist> {
      return store.transaction(async (tx) => {
        await tx.clearBlocklist()
        for (const field of Object.keys(KINDS) as (keyof Blocklist)[]) {
          for (const value of list[field]) await tx.addBlocklistEntry({ kind: KINDS[field], value })
        }
        return get()
      })
    },

    /** Adds (ban) or removes (unban) one email or client. */
    async change(target: BanTarget, isBanned: boolean): Promise<Blocklist> {
      const field = 'email' in target ? 'emails' : 'clients'
      const row = { kind: KINDS[field], value: 'email' in target ? target.email : target.client }
      return store.transaction(async (tx) => {
        if (!isBanned) {
          await tx.deleteBlocklistEntry(row)
          return get()
        }
        const list = await get()
        if (!list[field].includes(row.value)) checkSize([...list[field], row.value], field)
        await tx.addBlocklistEntry(row)
        return get()
      })
    },

    /** Whether a comment matches a blocked word, email, domain or client. */
    async isBlocked(candidate: Candidate): Promise<boolean> {
      return matches(await get(), candidate)
    },
  }
}

/** Checks a PUT /api/admin/blocklist body: three lists of strings, normalised and deduplicated. */
export function validateBlocklist(body: JsonObject): Blocklist {
  return {
    words: list(body, 'words', word),
    emails: list(body, 'emails', emailEntry),
    clients: list(body, 'clients', client),
  }
}

/** Checks a POST /api/admin/bans body or a DELETE query: exactly one of email or client. */
export function validateBanTarget(body: JsonObject): BanTarget {
  const hasEmail = body.email !== undefined
  if (hasEmail === (body.client !== undefined)) {
    throw invalidInput('email', 'Send either "email" or "client" (a client hash), not both.')
  }
  return hasEmail
    ? { email: emailEntry(body.email, 'email') }
    : { client: client(body.client, 'client') }
}

function matches(list: Blocklist, candidate: Candidate): boolean {
  const email = candidate.email?.toLowerCase()
  if (
    email &&
    list.emails.some((entry) => entry === email || (entry.startsWith('@') && email.endsWith(entry)))
  ) {
    return true
  }
  const { clientHash, previousClientHash } = candidate
  if (list.clients.includes(clientHash)) return true
  if (previousClientHash !== undefined && list.clients.includes(previousClientHash)) return true
  const haystack = fold([candidate.text, candidate.name, candidate.website ?? ''].join('\n'))
  return list.words.some((entry) => wordPattern(entry).test(haystack))
}

/** A word or phrase matched whole: "ass" must not catch "class". */
function wordPattern(entry: string): RegExp {
  const escaped = fold(entry)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u')
}

/** Compatibility forms and case folded away, so "ＣＡＳＩＮＯ" is "casino". */
function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase()
}

function list(
  body: JsonObject,
  field: keyof Blocklist,
  check: (value: unknown, field: string) => string,
): string[] {
  const value = body[field]
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalidInput(field, `${field} must be an array of strings.`)
  const entries = [...new Set(value.map((entry) => check(entry, field)))]
  checkSize(entries, field)
  return entries
}

function checkSize(entries: readonly string[], field: string): void {
  if (entries.length > LIMITS.blocklistMax) {
    throw invalidInput(
      field,
      `${field} has ${entries.length} entries; the limit is ${LIMITS.blocklistMax}.`,
    )
  }
}

function word(value: unknown, field: string): string {
  const entry = typeof value === 'string' ? fold(value).trim().replace(/\s+/g, ' ') : ''
  if (entry === '' || [...entry].length > WORD_MAX) {
    throw invalidInput(
      field,
      `Each of ${field} must be a word or phrase of 1 to ${WORD_MAX} characters.`,
    )
  }
  rejectControls(entry, field, 'A blocked word')
  // Stored as text like every other string field, so it meets the same rule (issue: hostile input).
  if (/\p{Cs}/u.test(entry)) {
    throw invalidInput(field, 'A blocked word contains invalid Unicode (a lone surrogate).')
  }
  return entry
}

function emailEntry(value: unknown, field: string): string {
  const entry = typeof value === 'string' ? value.trim().toLowerCase() : ''
  if (entry.length > LIMITS.emailMax || !(isEmail(entry) || DOMAIN.test(entry))) {
    throw invalidInput(field, 'Each email must be an address, or a domain written as @example.com.')
  }
  return entry
}

function client(value: unknown, field: string): string {
  const entry = typeof value === 'string' ? value.trim().toLowerCase() : ''
  if (!CLIENT_HASH.test(entry)) {
    throw invalidInput(
      field,
      'Each client must be a client hash: 64 hex digits, as comments show it.',
    )
  }
  return entry
}
