import { HONEYPOT_FIELD, LIMITS } from '../contract.ts'
import { invalidInput } from '../errors.ts'
import { isEmail } from '../lib/is-email.ts'
import { normalizeUri } from '../lib/normalize-uri.ts'
import {
  checkLength,
  codePoints,
  rejectControls,
  rejectInvisible,
  stringField,
} from '../lib/string-field.ts'
import type { NewCommentInput } from '../services/comments/comments.ts'
import type { JsonObject } from './read-json.ts'

/** Checks a POST /api/comments body field by field; unknown fields are ignored. */
export function validateNewComment(body: JsonObject): NewCommentInput {
  return {
    uri: validateUri(body.uri),
    text: validateText(body),
    parentId: parentId(body.parentId),
    name: line(body, 'name', 'Name', LIMITS.nameMax) ?? '',
    email: email(body),
    website: website(body),
    title: line(body, 'title', 'Title', LIMITS.titleMax) ?? null,
    ...flags(body),
  }
}

/** The optional flags, present only when set, so that a plain comment has none. */
function flags(body: JsonObject): Pick<NewCommentInput, 'notify' | 'isTrapped'> {
  const trap = body[HONEYPOT_FIELD]
  const isTrapped = trap !== undefined && trap !== null && trap !== '' && trap !== false
  if (body.notify !== undefined && body.notify !== null && typeof body.notify !== 'boolean') {
    throw invalidInput('notify', 'notify must be true or false.')
  }
  if (body.notify === true && !(typeof body.email === 'string' && body.email.trim())) {
    throw invalidInput('notify', 'Give an email address to be told of replies.')
  }
  return { ...(body.notify === true ? { notify: true } : {}), ...(isTrapped ? { isTrapped } : {}) }
}

/** Checks the `text` of a comment, edit or preview body; answers it without surrounding blank lines. */
export function validateText(body: JsonObject): string {
  const text = stringField(body, 'text', 'Comment')
  if (text === undefined) throw invalidInput('text', 'Comment is missing; send it as "text".')
  const trimmed = text.trim()
  if (codePoints(trimmed) < LIMITS.textMin) {
    throw invalidInput('text', 'Comment is empty; write something first.')
  }
  checkLength(trimmed, 'text', 'Comment', LIMITS.textMax)
  // Keep leading spaces of the first line: they may start an indented code block.
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()
}

/** Checks a thread key from a body or a query string and answers its normalised form. */
export function validateUri(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw invalidInput('uri', 'uri is missing: send the page path, like /post.')
  }
  const key = typeof value === 'string' ? normalizeUri(value) : undefined
  if (key === undefined) {
    throw invalidInput('uri', 'uri must be a page path like /post or an absolute http(s) URL.')
  }
  return key
}

function parentId(value: unknown): number | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidInput(
      'parentId',
      'parentId must be the id of a comment (a positive integer) or null.',
    )
  }
  return value
}

/** A trimmed one-line field shown as text (name, email, website, title); empty means absent. */
function line(body: JsonObject, field: string, label: string, max: number): string | undefined {
  const value = stringField(body, field, label)?.trim()
  if (!value) return undefined
  rejectControls(value, field, label)
  rejectInvisible(value, field, label)
  checkLength(value, field, label, max)
  return value
}

function email(body: JsonObject): string | null {
  const value = line(body, 'email', 'Email', LIMITS.emailMax)
  if (value === undefined) return null
  if (!isEmail(value)) throw invalidInput('email', 'Email must look like name@example.com.')
  return value
}

function website(body: JsonObject): string | null {
  const value = line(body, 'website', 'Website', LIMITS.websiteMax)
  if (value === undefined) return null
  const url = URL.parse(value)
  // Only http(s): a website is shown as a link, and javascript: or data: there is stored XSS
  // (Isso's website field). Credentials in a URL only serve to disguise where it goes.
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    !url.hostname ||
    url.username ||
    url.password
  ) {
    throw invalidInput(
      'website',
      'Website must be an absolute http(s) URL, like https://example.com.',
    )
  }
  checkLength(url.href, 'website', 'Website', LIMITS.websiteMax)
  return url.href
}
