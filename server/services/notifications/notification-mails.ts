import { headerText } from '../../lib/header-text.ts'
import type { CommentRow, ThreadRow } from '../../store/store.ts'

// The texts of every mail and webhook call. Plain text only: a reader's words never reach an
// HTML part, so a mail client has nothing to render (Remark42 mailed comment HTML).

/** A mail as queued in the outbox; the sender adds From and builds every header. */
export interface MailPayload {
  to: string
  subject: string
  text: string
  replyTo?: string
  /** One-click unsubscribe (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058). */
  unsubscribeUrl?: string
  /** Sent only while this (lower-cased) address is a confirmed subscriber; skipped otherwise. */
  subscriber?: string
}

/** Where a comment can be read, and what the mails call the site. */
export interface CommentLinks {
  /** The page with the comment's anchor, or null when the site's origin is unknown. */
  pageUrl: string | null
  siteName: string
}

export interface OwnerMailInput extends CommentLinks {
  to: string
  comment: CommentRow
  thread: ThreadRow
  approveUrl: string | null
  deleteUrl: string
  adminUrl: string
  /** Its author edited it and it waits again: earlier mails' Approve links are stale. */
  isEdited: boolean
}

/**
 * The owner's mail about a new or edited comment, with one-click Approve (when held) and Delete
 * links.
 */
export function ownerMail(input: OwnerMailInput): MailPayload {
  const { comment, thread, isEdited } = input
  const isHeld = comment.status === 'pending'
  const author = authorName(comment)
  const what = isEdited ? 'edited their comment on' : 'commented on'
  const lines = [
    isEdited
      ? `${author} edited their comment on ${threadName(thread)}; it now reads:`
      : `${author} wrote on ${threadName(thread)}:`,
    '',
    quote(comment.text),
    '',
    `Email: ${comment.email ?? '(none)'}`,
    `Website: ${comment.website ?? '(none)'}`,
    `Status: ${isHeld ? 'held for your approval' : 'published'}`,
    '',
    ...(input.pageUrl ? [`Read it on the page: ${input.pageUrl}`] : []),
    ...(input.approveUrl ? [`Approve: ${input.approveUrl}`] : []),
    `Delete: ${input.deleteUrl}`,
    `Moderate in the admin panel: ${input.adminUrl}`,
    '',
    'The Approve and Delete links work once, for 7 days.',
    ...(isEdited ? ['Approve links of earlier mails about this comment no longer work.'] : []),
  ]
  return {
    to: input.to,
    subject: headerText(
      `${isHeld ? 'To approve: ' : ''}${author} ${what} ${threadName(thread)} (${input.siteName})`,
    ),
    text: lines.join('\n'),
    ...(comment.email ? { replyTo: comment.email } : {}),
  }
}

export interface ReplyMailInput extends CommentLinks {
  to: string
  reply: CommentRow
  thread: ThreadRow
  unsubscribeUrl: string
}

/** A reader's mail about a reply to their comment; sent only to a confirmed address. */
export function replyMail(input: ReplyMailInput): MailPayload {
  const author = authorName(input.reply)
  const lines = [
    `${author} replied to your comment on ${threadName(input.thread)}:`,
    '',
    quote(input.reply.text),
    '',
    ...(input.pageUrl ? [`Read the conversation: ${input.pageUrl}`, ''] : []),
    `You get this mail because you asked to hear about replies to your comments on ${input.siteName}.`,
    `Stop these mails with one click: ${input.unsubscribeUrl}`,
  ]
  return {
    to: input.to,
    subject: headerText(`${author} replied to your comment on ${threadName(input.thread)}`),
    text: lines.join('\n'),
    unsubscribeUrl: input.unsubscribeUrl,
    subscriber: input.to.toLowerCase(),
  }
}

export interface ConfirmMailInput {
  to: string
  siteName: string
  confirmUrl: string
  unsubscribeUrl: string
}

/** The double opt-in: the only mail an address gets before its owner confirms it. */
export function confirmMail(input: ConfirmMailInput): MailPayload {
  const lines = [
    `Someone, hopefully you, posted a comment on ${input.siteName} with this address and asked to be mailed about replies.`,
    '',
    `To get those mails, confirm within 7 days: ${input.confirmUrl}`,
    '',
    'If it was not you, ignore this mail: nothing more is sent to this address unless it is confirmed.',
    `To never be asked again: ${input.unsubscribeUrl}`,
  ]
  return {
    to: input.to,
    subject: headerText(`Confirm reply notifications from ${input.siteName}`),
    text: lines.join('\n'),
    unsubscribeUrl: input.unsubscribeUrl,
  }
}

/** What a webhook call tells of: a new comment, or an author's edit that holds it again. */
export type WebhookEvent = 'comment.created' | 'comment.edited'

/** The JSON of a webhook call: `text` for Slack, `content` for Discord, `comment` for the rest. */
export function webhookBody(
  event: WebhookEvent,
  comment: CommentRow,
  thread: ThreadRow,
  links: CommentLinks,
  adminUrl: string | null,
) {
  const what = event === 'comment.edited' ? 'Edited comment' : 'New comment'
  const summary = `${what} by ${authorName(comment)} on ${threadName(thread)}${comment.status === 'pending' ? ' (held for approval)' : ''}: ${excerpt(comment.text, 300)}${links.pageUrl ? ` ${links.pageUrl}` : ''}`
  return {
    event,
    // Slack reads <…> as links and mentions (<!channel>): escape its three control characters.
    text: summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    content: summary,
    // Discord: a reader's "@everyone" must not ping anyone.
    allowed_mentions: { parse: [] },
    comment: {
      id: comment.id,
      parentId: comment.parentId,
      uri: thread.uri,
      threadTitle: thread.title,
      // Never the reader's email: a chat channel is not the admin panel.
      author: { name: comment.name, website: comment.website },
      text: comment.text,
      status: comment.status,
      createdAt: new Date(comment.createdAt).toISOString(),
      pageUrl: links.pageUrl,
      adminUrl,
    },
  }
}

function authorName(comment: CommentRow): string {
  return comment.name || 'Anonymous'
}

function threadName(thread: ThreadRow): string {
  return thread.title ? `“${thread.title}”` : thread.uri
}

/** Quoted as in a mail reply, so the reader's words stand apart from ours. */
function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n')
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`
}
