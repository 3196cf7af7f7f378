import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentType, readStaticFile, resolveInside } from './static-file.ts'

let dir: string
let root: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causerie-static-'))
  root = join(dir, 'public')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'assets', 'a b.js'), 'export {}')
  await writeFile(join(root, '.env'), 'SECRET=1')
  await writeFile(join(dir, 'secret.txt'), 'secret')
  await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('resolveInside', () => {
  it('maps a path to a file inside the root', () => {
    expect(resolveInside(root, 'assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'))
  })

  it.each([
    '',
    '../secret.txt',
    '..%2fsecret.txt',
    '%2e%2e/secret.txt',
    '%2E%2E%2Fsecret.txt',
    'assets/../../secret.txt',
    'assets/%2e%2e/%2e%2e/secret.txt',
    '..\\secret.txt',
    '..%5csecret.txt',
    '%2fetc/passwd',
    'assets//a.js',
    'assets/./a.js',
    '.env',
    'a%00.js',
    '%E0%A4%A',
  ])('refuses %j', (path) => {
    expect(resolveInside(root, path)).toBeUndefined()
  })
})

describe('readStaticFile', () => {
  it('reads a file with its content type', async () => {
    const file = await readStaticFile(root, 'assets/a%20b.js')
    expect(file?.contentType).toBe('text/javascript; charset=utf-8')
    expect(Buffer.from(file?.body ?? []).toString()).toBe('export {}')
  })

  it('refuses directories, missing files and symlinks out of the root', async () => {
    expect(await readStaticFile(root, 'assets')).toBeUndefined()
    expect(await readStaticFile(root, 'missing.js')).toBeUndefined()
    expect(await readStaticFile(root, 'link.txt')).toBeUndefined()
    expect(await readStaticFile(join(dir, 'nope'), 'x.js')).toBeUndefined()
  })
})

describe('contentType', () => {
  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['a.woff2', 'font/woff2'],
    ['a.bin', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(contentType(name)).toBe(type)
  })
})
