/** A 5×5 pattern, mirrored left to right, and a hue, both read from an author's avatar seed. */
export interface Identicon {
  hue: number
  /** SVG path data in a 5×5 viewBox, one unit square per filled cell. */
  path: string
}

/**
 * Draws the identicon for a 16-hex-digit seed: the first three digits pick the hue, the next 15
 * bits fill the left three columns, which are mirrored onto the right two.
 */
export function identicon(seed: string): Identicon {
  const hue = Math.round(((Number.parseInt(seed.slice(0, 3), 16) || 0) / 4096) * 360)
  const bits = Number.parseInt(seed.slice(3, 8), 16) || 0
  let path = ''
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 3; column++) {
      if (!((bits >> (row * 3 + column)) & 1)) continue
      path += `M${column} ${row}h1v1h-1z`
      if (column < 2) path += `M${4 - column} ${row}h1v1h-1z`
    }
  }
  // An empty pattern would look like a missing image: fill the centre instead.
  return { hue, path: path || 'M2 2h1v1h-1z' }
}
