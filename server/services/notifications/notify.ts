import { randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import { keyedHash } from '../../lib/keyed-hash.ts'
import type { CommentRow, NewOutboxRow, Store, ThreadRow } from '../../store/store.ts'
import { commentVersion, LINK_LIFETIME_MS, type LinkClaim, signLink } from './mail-links.ts'
import {
  type CommentLinks,
  confirmMail,
  type MailPayload,
  ownerMail,
  replyMail,
  webhookBody,
} from './notification-mails.ts'

/** A pending address gets at most one confirmation mail a day, however often it is entered. */
const CONFIRM_RESEND_MS = 86_400_000
/**
 * Edits of a comment still held are told at most once per 5 minutes: PATCH has no rate limit,
 * and an author must not mail the owner on every keystroke. Later edits in the same 5 minutes
 * make that mail's Approve link stale (link_stale), and the comment waits in the admin panel.
 */
const HELD_EDIT_MAIL_MS = 5 * 60_000

export type NotifyConfig = Pick<
  Config,
  'smtpUrl' | 'notifyEmail' | 'publicUrl' | 'webhookUrl' | 'origins'
>

export interface NotifierOptions {
  store: Store
  config: NotifyConfig
  now: () => number
  secret: () => Promise<Buffer>
}

/** Queues the mails and webhook calls that events call for; it never sends (the outbox worker does). */
export interface Notifier {
  /** A comment was stored: the owner's mail and the webhook, a confirmation, a reply notification. */
  commentCreated(row: CommentRow, thread: ThreadRow): Promise<void>
  /** A comment became visible later (approved): its parent's author may be told. */
  commentPublished(row: CommentRow, thread: ThreadRow): Promise<void>
  /** Its author edited a comment: if it now waits for approval, the owner is told again. */
  commentEdited(before: CommentRow, row: CommentRow, thread: ThreadRow): Promise<void>
}

/** The key that signs links in mails; derived, so it changes with the server's secret only. */
export async function linkKey(secret: () => Promise<Buffer>): Promise<Buffer> {
  return Buffer.from(keyedHash(await secret(), 'mail-links'), 'hex')
}

export function createNotifier({ store, config, now, secret }: NotifierOptions): Notifier {
  const canMail = config.smtpUrl !== null && config.publicUrl !== null
  const publicUrl = config.publicUrl ?? ''
  const siteOrigin =
    config.origins[0] ?? (config.publicUrl ? new URL(config.publicUrl).origin : null)
  const siteName = siteOrigin ? new URL(siteOrigin).host : 'your site'
  const adminUrl = config.publicUrl ? `${publicUrl}/admin` : null

  function links(row: CommentRow, thread: ThreadRow): CommentLinks {
    const pageUrl = siteOrigin ? `${siteOrigin}${thread.uri}#causerie-comment-${row.id}` : null
    return { pageUrl, siteName }
  }

  function link(path: string, key: Buffer, claim: LinkClaim): string {
    return `${publicUrl}${path}?token=${signLink(key, claim)}`
  }

  function mail(payload: MailPayload, dedupeKey?: string): NewOutboxRow {
    return { kind: 'mail', payload: JSON.stringify(payload), createdAt: now(), dedupeKey }
  }

  /** The owner's mail and webhook call; `edit` keys an author's edit (one each), unset if new. */
  async function ownerItems(
    row: CommentRow,
    thread: ThreadRow,
    edit?: string,
  ): Promise<NewOutboxRow[]> {
    const suffix = edit === undefined ? '' : `:edit:${edit}`
    const items: NewOutboxRow[] = []
    if (row.isOwner || row.status === 'spam') return items
    if (canMail && config.notifyEmail) {
      const key = await linkKey(secret)
      // One nonce for both links: using either uses up the mail. The version binds Approve to
      // the text this mail shows: an edit made since makes it refuse (link_stale).
      const claim = {
        commentId: row.id,
        nonce: randomBytes(16).toString('base64url'),
        version: commentVersion(row.text),
      }
      const expiresAt = now() + LINK_LIFETIME_MS
      const approveUrl =
        row.status === 'pending'
          ? link('/moderate', key, { kind: 'approve', ...claim, expiresAt })
          : null
      const deleteUrl = link('/moderate', key, { kind: 'delete', ...claim, expiresAt })
      const payload = ownerMail({
        to: config.notifyEmail,
        comment: row,
        thread,
        approveUrl,
        deleteUrl,
        adminUrl: `${publicUrl}/admin`,
        isEdited: edit !== undefined,
        ...links(row, thread),
      })
      items.push(mail(payload, `owner:${row.id}${suffix}`))
    }
    if (config.webhookUrl) {
      const event = edit === undefined ? 'comment.created' : 'comment.edited'
      const body = webhookBody(event, row, thread, links(row, thread), adminUrl)
      items.push({
        kind: 'webhook',
        payload: JSON.stringify(body),
        createdAt: now(),
        dedupeKey: `webhook:${row.id}${suffix}`,
      })
    }
    return items
  }

  /** The double opt-in: a confirmation for an address never seen, or not confirmed for a day. */
  async function confirmationItems(row: CommentRow): Promise<NewOutboxRow[]> {
    if (!canMail || !row.notify || !row.email || row.status === 'spam') return []
    const email = row.email.toLowerCase()
    const subscriber = await store.findSubscriber(email)
    const time = now()
    if (subscriber && subscriber.status !== 'pending') return []
    if (subscriber && (subscriber.confirmSentAt ?? 0) > time - CONFIRM_RESEND_MS) return []
    await store.saveSubscriber({ email, status: 'pending', confirmSentAt: time, updatedAt: time })
    const key = await linkKey(secret)
    const payload = confirmMail({
      to: row.email,
      siteName,
      confirmUrl: link('/subscriptions/confirm', key, {
        kind: 'confirm',
        email,
        expiresAt: time + LINK_LIFETIME_MS,
      }),
      unsubscribeUrl: link('/unsubscribe', key, { kind: 'unsubscribe', email }),
    })
    return [mail(payload)]
  }

  async function replyItems(row: CommentRow, thread: ThreadRow): Promise<NewOutboxRow[]> {
    if (!canMail || row.parentId === null || row.status !== 'published') return []
    const parent = await store.findComment(row.parentId)
    if (!parent?.notify || !parent.email || parent.status !== 'published') return []
    const email = parent.email.toLowerCase()
    if (row.email?.toLowerCase() === email) return []
    if ((await store.findSubscriber(email))?.status !== 'confirmed') return []
    const key = await linkKey(secret)
    const payload = replyMail({
      to: parent.email,
      reply: row,
      thread,
      unsubscribeUrl: link('/unsubscribe', key, { kind: 'unsubscribe', email }),
      ...links(row, thread),
    })
    return [mail(payload, `reply:${row.id}`)]
  }

  return {
    async commentCreated(row, thread) {
      const items = [
        ...(await ownerItems(row, thread)),
        ...(await confirmationItems(row)),
        ...(await replyItems(row, thread)),
      ]
      if (items.length > 0) await store.enqueue(items)
    },
    async commentPublished(row, thread) {
      const items = await replyItems(row, thread)
      if (items.length > 0) await store.enqueue(items)
    },
    async commentEdited(before, row, thread) {
      // Published, or spam, nothing waits; a held text unchanged keeps its mail's links valid.
      if (row.status !== 'pending') return
      const wasHeld = before.status === 'pending'
      if (wasHeld && before.text === row.text) return
      const time = row.editedAt ?? now()
      // Back in the queue after an approval: always told, as the owner thinks it done (each
      // such mail follows an owner's action, so none can flood). Still held: throttled.
      const edit = wasHeld ? `held:${Math.floor(time / HELD_EDIT_MAIL_MS)}` : String(time)
      const items = await ownerItems(row, thread, edit)
      if (items.length > 0) await store.enqueue(items)
    },
  }
}
