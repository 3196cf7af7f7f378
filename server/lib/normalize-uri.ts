import { LIMITS } from '../contract.ts'

// C0 controls, DEL and C1 controls: never part of a page address.
const CONTROL = /\p{Cc}/u
// Percent-escapes of ALPHA, DIGIT, '-', '.', '_' and '~', once hex digits are upper case.
const UNRESERVED = /%(?:2[DE]|3[0-9]|[46][1-9A-F]|[57][0-9A]|5F|7E)/g

/**
 * Turns a page path or an absolute http(s) URL into its thread key, so that `/post`, `/post/`,
 * `/post?utm=x`, `/post#c3`, `/post/index.html` and `https://blog.example/post/` are one thread
 * (Remark42 #810, #411). Answers undefined for anything that is not a page address.
 */
export function normalizeUri(input: string): string | undefined {
  const raw = input.trim()
  if (raw === '' || CONTROL.test(raw)) return undefined
  let path: string | undefined
  if (raw.startsWith('/') || raw.startsWith('\\')) {
    // A path: '//x' is a doubled slash here, not a host as URL parsing would read it.
    path = pathname(raw.replace(/^[/\\]+/, '/'))
  } else if (/^https?:\/\//i.test(raw)) {
    path = pathname(raw)
  }
  if (path === undefined) return undefined
  const key = canonicalPath(path)
  return key.length <= LIMITS.uriMax ? key : undefined
}

function pathname(input: string): string | undefined {
  // The base only serves to parse a bare path; its host never reaches the key.
  return URL.parse(input, 'http://k')?.pathname
}

function canonicalPath(path: string): string {
  const key = path
    // RFC 3986 §6.2.2: hex digits in upper case, unreserved characters decoded.
    .replace(/%[0-9a-f]{2}/gi, (sequence) => sequence.toUpperCase())
    .replace(UNRESERVED, (sequence) => String.fromCharCode(Number.parseInt(sequence.slice(1), 16)))
    .replace(/\/{2,}/g, '/')
    .replace(/\/index\.html?$/i, '/')
  return key.length > 1 ? key.replace(/\/$/, '') : key
}
