import { describe, expect, it } from 'vitest'
import { commentIdOf } from './comment-link.ts'

describe('commentIdOf', () => {
  it('reads the id of a #causerie-comment-ID hash', () => {
    expect(commentIdOf('#causerie-comment-42')).toBe(42)
    expect(commentIdOf('#causerie-comment-999999999999999')).toBe(999_999_999_999_999)
  })

  it('names no comment for anything the server could not take as an id', () => {
    for (const hash of [
      '',
      '#causerie-comment-',
      '#causerie-comment-0',
      '#causerie-comment-007',
      '#causerie-comment-1e3',
      '#causerie-comment-1000000000000000',
      '#causerie-comment-12<img src=x>',
      '#comment-12',
    ]) {
      expect(commentIdOf(hash), hash).toBeUndefined()
    }
  })
})
