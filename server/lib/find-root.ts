import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The directory holding package.json, above the given module: server/ when run from source,
 * dist/server/ once bundled, so the same code finds dist/public and demo/ in both cases.
 */
export function findProjectRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(moduleUrl)}.`)
    dir = parent
  }
  return dir
}
