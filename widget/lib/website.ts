/** `value` as an absolute http(s) URL, or undefined: the only websites worth a link. */
export function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}
