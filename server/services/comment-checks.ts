/** Links in rendered comment HTML: what readers would see as links, bare URLs included. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0
}

/** The form two texts share when they say the same thing: "Great post!" and "great  post! ". */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}
