// Line breaks (CR, LF, NEL, U+2028/9) and every other control character: in a mail header
// they would end the header and start a new one (header injection).
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu

/**
 * Makes a value safe for a mail header such as a Subject or a display name: one line, no
 * controls, at most `max` characters. Nodemailer encodes what remains; this is the belt.
 */
export function headerText(value: string, max = 200): string {
  const line = value.replace(BREAKS, ' ').replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`
}
