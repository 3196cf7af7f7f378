import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findProjectRoot } from './find-root.ts'

describe('findProjectRoot', () => {
  it('finds the directory of package.json above a module', () => {
    const root = findProjectRoot(import.meta.url)
    expect(existsSync(join(root, 'package.json'))).toBe(true)
    expect(existsSync(join(root, 'server', 'lib', 'find-root.ts'))).toBe(true)
  })

  it('works from a bundled location such as dist/server/main.js', () => {
    const root = findProjectRoot(import.meta.url)
    const bundled = pathToFileURL(join(root, 'dist', 'server', 'main.js')).href
    expect(findProjectRoot(bundled)).toBe(root)
  })

  it('throws when no package.json exists above', () => {
    expect(() => findProjectRoot('file:///')).toThrow(/No package.json/)
  })
})
