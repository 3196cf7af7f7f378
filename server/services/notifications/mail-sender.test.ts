import { createTransport } from 'nodemailer'
import { describe, expect, it } from 'vitest'
import { createMailSender, mailOptions } from './mail-sender.ts'

/** Renders a mail as the bytes an SMTP server would receive. */
async function raw(payload: Parameters<typeof mailOptions>[0]): Promise<string> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  const info = await transport.sendMail(mailOptions(payload, 'causerie@blog.example'))
  return (info.message as Buffer).toString('utf8')
}

describe('mailOptions', () => {
  it('sends plain text with List-Unsubscribe and one-click List-Unsubscribe-Post', async () => {
    const message = await raw({
      to: 'reader@example.com',
      subject: 'Bob replied',
      text: 'Hello <b>there</b>',
      unsubscribeUrl: 'https://c.example/unsubscribe?token=abc.def',
    })
    expect(message).toMatch(
      /^List-Unsubscribe: <https:\/\/c\.example\/unsubscribe\?token=abc\.def>/m,
    )
    expect(message).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m)
    expect(message).toMatch(/^Auto-Submitted: auto-generated$/m)
    expect(message).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m)
    expect(message).not.toMatch(/text\/html/)
    expect(message).toMatch(/^From: Causerie <causerie@blog\.example>$/m)
  })

  it('leaves no way to add a header through the subject', async () => {
    const message = await raw({
      to: 'owner@example.com',
      subject: 'Hi\r\nBcc: victim@example.com\u2028X-Evil: 1',
      text: 'x',
    })
    expect(message).not.toMatch(/^Bcc:/m)
    expect(message).not.toMatch(/^X-Evil:/m)
    expect(message).toMatch(/^Subject: Hi Bcc: victim@example\.com X-Evil: 1$/m)
  })

  it('refuses an address that is not one plain address', () => {
    for (const to of ['a@example.com\r\nBcc: b@example.com', 'a@example.com, b@example.com', 'x']) {
      expect(() => mailOptions({ to, subject: 's', text: 't' }, 'c@example.com')).toThrow(
        /invalid address/,
      )
    }
  })

  it('sends through a transport', async () => {
    const transport = createTransport({ jsonTransport: true })
    const sender = createMailSender(transport, 'c@example.com')
    await expect(
      sender.send({ to: 'a@example.com', subject: 's', text: 't' }),
    ).resolves.toBeUndefined()
    sender.close()
  })
})
