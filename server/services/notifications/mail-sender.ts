import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer'
import { headerText } from '../../lib/header-text.ts'
import { isEmail } from '../../lib/is-email.ts'
import type { MailPayload } from './notification-mails.ts'

// A mail server that accepts the connection and then says nothing must not hold a send for
// nodemailer's default minutes: the worker gives up and retries later.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }

export interface MailSender {
  /** Hands one mail to the SMTP server; rejects when it is not accepted. */
  send(payload: MailPayload): Promise<void>
  close(): void
}

/** Sends through SMTP_URL (or, in tests, any nodemailer transport). */
export function createMailSender(smtp: string | Transporter, from: string): MailSender {
  const transport = typeof smtp === 'string' ? createTransport({ url: smtp, ...TIMEOUTS }) : smtp
  return {
    async send(payload) {
      await transport.sendMail(mailOptions(payload, from))
    },
    close() {
      transport.close()
    },
  }
}

/**
 * A queued mail as nodemailer options. Every header comes from a structured value that
 * nodemailer encodes; the texts that may hold a reader's words lose their line breaks first, and
 * the addresses were checked by isEmail, so no value can start a header of its own.
 */
export function mailOptions(payload: MailPayload, from: string): SendMailOptions {
  for (const address of [payload.to, from, ...(payload.replyTo ? [payload.replyTo] : [])]) {
    if (!isEmail(address)) throw new Error(`Refusing to mail an invalid address: ${address}`)
  }
  return {
    from: { name: 'Causerie', address: from },
    to: payload.to,
    ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
    subject: headerText(payload.subject),
    text: payload.text,
    headers: {
      // RFC 3834: an automatic mail; auto-responders should not answer it.
      'Auto-Submitted': 'auto-generated',
      ...(payload.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    ...(payload.unsubscribeUrl
      ? { list: { unsubscribe: { url: payload.unsubscribeUrl, comment: 'Unsubscribe' } } }
      : {}),
  }
}
