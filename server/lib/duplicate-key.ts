import { createHash } from 'node:crypto'

/** The form two texts share when they say the same thing: "Great post!" and "great  post! ". */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/**
 * SHA-256 (hex) of a text's duplicateKey: what the store indexes, so that finding a duplicate is
 * one lookup instead of normalising a whole thread. Not keyed: the text sits beside it anyway.
 */
export function duplicateHash(text: string): string {
  return createHash('sha256').update(duplicateKey(text), 'utf8').digest('hex')
}
