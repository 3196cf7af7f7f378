import { describe, expect, it } from 'vitest'
import { BUDGETS, KB, measureWidget } from '../scripts/widget-size.mjs'

// The size budgets of README.md (Size and speed), on the build `npm test` has just made, measured
// as `npm run size` prints them. Raising one needs a reason in the commit message.
describe('the widget as built', () => {
  const { loader, wholeMost, chunks } = measureWidget('dist/public')
  const kb = (bytes: number) => Math.round((bytes / KB) * 10) / 10

  it(`has a loader under ${BUDGETS.loader} KB gzipped`, () => {
    expect(kb(loader.gzip)).toBeLessThanOrEqual(BUDGETS.loader)
  })

  it(`costs one reader under ${BUDGETS.widget} KB gzipped, every chunk they download included`, () => {
    const shown = chunks.map(({ file, gzip }) => `${file} ${kb(gzip)} KB`)
    expect(kb(wholeMost.whole.gzip), shown.join(', ')).toBeLessThanOrEqual(BUDGETS.widget)
  })
})
