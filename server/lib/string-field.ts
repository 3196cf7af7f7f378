import { invalidInput } from '../errors.ts'
/** A JSON object body, as parsed; fields are checked by the validators, not by the parser. */
export type JsonObject = Record<string, unknown>

// With the u flag a paired surrogate is one code point, so only lone halves match.
const LONE_SURROGATE = /\p{Cs}/u
const CONTROL = /\p{Cc}/u
// Bidi controls (LRE…RLO, LRI…PDI, LRM, RLM, ALM) reorder what follows them, so a name can show
// as something else ("Trojan Source", CVE-2021-42574); zero-width space, word joiner and BOM are
// invisible, so two names that look alike differ. ZWJ (U+200D) stays: emoji sequences need it.
const INVISIBLE = /[\p{Bidi_Control}\u200B\u2060\uFEFF]/u

/**
 * Reads an optional string field of a JSON body: absent and null are undefined; a wrong type,
 * a NUL or a lone surrogate (which no database or browser handles alike) is a 422.
 */
export function stringField(body: JsonObject, field: string, label: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw invalidInput(field, `${label} must be a string.`)
  if (value.includes('\u0000')) throw invalidInput(field, `${label} contains a NUL character.`)
  if (LONE_SURROGATE.test(value)) {
    throw invalidInput(field, `${label} contains invalid Unicode (a lone surrogate).`)
  }
  return value
}

/** Refuses control characters (tabs and newlines included) in one-line fields such as a name. */
export function rejectControls(value: string, field: string, label: string): void {
  if (CONTROL.test(value)) throw invalidInput(field, `${label} contains a control character.`)
}

/** Refuses direction overrides and invisible characters in one-line fields shown to others. */
export function rejectInvisible(value: string, field: string, label: string): void {
  if (INVISIBLE.test(value)) {
    throw invalidInput(
      field,
      `${label} contains an invisible character (a direction mark or a zero-width space).`,
    )
  }
}

/** Refuses a value longer than `max` characters, counted as code points as the widget counts. */
export function checkLength(value: string, field: string, label: string, max: number): void {
  const length = codePoints(value)
  if (length > max) {
    throw invalidInput(
      field,
      `${label} has ${format(length)} characters; the limit is ${format(max)}.`,
    )
  }
}

export function codePoints(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

function format(count: number): string {
  return count.toLocaleString('en-US')
}
