import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/create-test-app.ts'
import type { ErrorBody } from '../contract.ts'

describe('POST /api/preview', () => {
  it('renders text as a comment would be rendered, and stores nothing', async () => {
    const { send, stored } = createTestApp()
    const response = await send('POST', '/api/preview', {
      text: '**hi** <script>x</script>',
      uri: '/p',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      html: '<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n',
    })
    expect(await stored('/p')).toBe(0)
  })

  it.each([
    [{}, 422, 'invalid_input'],
    [{ text: '' }, 422, 'invalid_input'],
    [{ text: 'a'.repeat(10_001) }, 422, 'invalid_input'],
    ['[]', 422, 'invalid_input'],
    ['{', 400, 'invalid_json'],
  ])('refuses %j', async (body, status, code) => {
    const response = await createTestApp().send('POST', '/api/preview', body)
    expect(response.status).toBe(status)
    expect(((await response.json()) as ErrorBody).error.code).toBe(code)
  })

  it('answers 405 to GET', async () => {
    const response = await createTestApp().app.request('/api/preview')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})
