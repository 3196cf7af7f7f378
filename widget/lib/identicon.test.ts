import { describe, expect, it } from 'vitest'
import { identicon } from './identicon.ts'

describe('identicon', () => {
  it('draws the same picture for the same seed', () => {
    expect(identicon('e749ad5f061ee3be')).toEqual(identicon('e749ad5f061ee3be'))
  })

  it('draws different pictures for different seeds', () => {
    const seeds = ['e749ad5f061ee3be', '1d547daa6172bcd3', '73a2d87c8516df3e', '0000100000000000']
    const paths = new Set(seeds.map((seed) => identicon(seed).path))
    expect(paths.size).toBe(seeds.length)
  })

  it('takes its hue from the first three digits', () => {
    expect(identicon('000ffffffffffff0').hue).toBe(0)
    expect(identicon('800fffffffffffff').hue).toBe(180)
  })

  it('mirrors the left columns onto the right ones', () => {
    const cells = new Set(
      [...identicon('a5f3c9e1b2d40000').path.matchAll(/M(\d) (\d)/g)].map(
        ([, x, y]) => `${x},${y}`,
      ),
    )
    for (const cell of cells) {
      const [x, y] = cell.split(',').map(Number) as [number, number]
      expect(cells.has(`${4 - x},${y}`)).toBe(true)
    }
  })

  it('never draws an empty picture', () => {
    expect(identicon('0000000000000000').path).not.toBe('')
  })
})
