// Deliberately simple (no quoted local parts): one @, a dotted domain, and none of the
// characters that would let an address smuggle a second one or a mail header.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u

/** Whether a string is one plain mail address, safe to put in a mail header. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value)
}
