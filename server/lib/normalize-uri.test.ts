import { describe, expect, it } from 'vitest'
import { LIMITS } from '../contract.ts'
import { normalizeUri } from './normalize-uri.ts'

describe('normalizeUri', () => {
  it.each([
    ['/post', '/post'],
    ['/post/', '/post'],
    ['/post?utm=x', '/post'],
    ['/post#c3', '/post'],
    ['/post/?a=1#b', '/post'],
    ['/post/index.html', '/post'],
    ['/post/index.htm', '/post'],
    ['https://blog.example/post/', '/post'],
    ['HTTP://Blog.Example:8080/post?x#y', '/post'],
    ['  /post  ', '/post'],
    ['//post', '/post'],
    ['/a//b///c/', '/a/b/c'],
    ['/./post', '/post'],
    ['/a/../post', '/post'],
    ['/a/%2e%2e/post', '/post'],
    ['/../../post', '/post'],
    ['/a\\b', '/a/b'],
  ])('maps %j to %j', (input, key) => {
    expect(normalizeUri(input)).toBe(key)
  })

  it.each([
    ['/', '/'],
    ['https://blog.example', '/'],
    ['https://blog.example/', '/'],
    ['/index.html', '/'],
    ['/?utm=1', '/'],
    ['//', '/'],
  ])('keeps the root %j as /', (input, key) => {
    expect(normalizeUri(input)).toBe(key)
  })

  it('normalises percent-encoding', () => {
    expect(normalizeUri('/café')).toBe('/caf%C3%A9')
    expect(normalizeUri('/caf%c3%a9')).toBe('/caf%C3%A9')
    expect(normalizeUri('/%7Euser/%41b%2d')).toBe('/~user/Ab-')
    expect(normalizeUri('/a%2Fb')).toBe('/a%2Fb')
    expect(normalizeUri('/with space')).toBe('/with%20space')
  })

  it('keeps keys case-sensitive', () => {
    expect(normalizeUri('/Post')).toBe('/Post')
  })

  it.each([
    '',
    '   ',
    'post',
    './post',
    'javascript:alert(1)',
    'ftp://example.com/post',
    'mailto:a@b.c',
    'data:text/html,x',
    '/post\u0000',
    '/po\nst',
    '/post\u0085',
    'https://',
  ])('rejects %j', (input) => {
    expect(normalizeUri(input)).toBeUndefined()
  })

  it('accepts a key up to the limit and rejects a longer one', () => {
    expect(normalizeUri(`/${'a'.repeat(LIMITS.uriMax - 1)}`)).toHaveLength(LIMITS.uriMax)
    expect(normalizeUri(`/${'a'.repeat(LIMITS.uriMax)}`)).toBeUndefined()
  })
})
