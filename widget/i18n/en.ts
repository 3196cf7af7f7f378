import type { ApiErrorCode } from '../lib/api-error.ts'
import type { PluralForms } from '../lib/plural.ts'

// Every string here ships to every reader, in both languages: say it in few words.
const rejected = 'The comment server refused the request. Reload the page and try again.'
const notYours = 'Only its author can change this comment, from the same browser.'
const serverDown = 'The comment server is unavailable. Try again in a moment.'

const errors: Record<ApiErrorCode, string> = {
  invalid_json: rejected,
  invalid_encoding: rejected,
  unsupported_media_type: rejected,
  not_found: rejected,
  method_not_allowed: rejected,
  payload_too_large: 'Your comment is too long.',
  invalid_input: 'Please check what you entered.',
  parent_not_found: 'The comment you are replying to no longer exists.',
  comment_not_found: 'This comment no longer exists.',
  token_missing: notYours,
  token_invalid: notYours,
  unauthorized: notYours,
  // Admin and mail-link codes: the widget never makes those calls.
  wrong_password: rejected,
  invalid_link: rejected,
  link_expired: rejected,
  link_used: rejected,
  link_stale: rejected,
  thread_closed: 'Comments are closed on this page.',
  too_many_links: 'Your comment has too many links.',
  duplicate_comment: 'You already posted this comment.',
  edit_window_closed: 'The time to edit this comment is over.',
  forbidden_origin: 'This site may not post to this comment server.',
  rate_limited: 'Too many comments in a row. Wait a minute and try again.',
  votes_disabled: 'Voting is turned off on this site.',
  internal: serverDown,
  unavailable: serverDown,
  network: 'Could not reach the comment server. Check your connection and try again.',
}

const comments: PluralForms = { one: '# comment', other: '# comments' }
const moreReplies: PluralForms = { one: 'Show # more reply', other: 'Show # more replies' }

/** The reference catalog: every other language has exactly these keys (see Messages). */
export const en = {
  locale: 'en',
  heading: 'Comments',
  comments,
  loading: 'Loading…',
  empty: 'No comments yet. Be the first!',
  loadFailed: 'Comments could not be loaded.',
  retry: 'Retry',
  anonymous: 'Anonymous',
  author: 'Author',
  edited: '(edited)',
  pending: 'Awaiting moderation',
  deleted: 'This comment was deleted.',
  inReplyTo: (name: string) => `in reply to ${name}`,
  reply: 'Reply',
  edit: 'Edit',
  delete: 'Delete',
  cancel: 'Cancel',
  save: 'Save',
  confirmDelete: 'Delete this comment?',
  link: 'Link',
  voteUp: 'Vote up',
  voteDown: 'Vote down',
  showMore: 'Show more comments',
  moreReplies,
  sortLabel: 'Sort by',
  sorts: { oldest: 'Oldest', newest: 'Newest', best: 'Best' },
  write: 'Write a comment…',
  textLabel: 'Comment',
  replyLabel: (name: string) => `Reply to ${name}`,
  markdownHint: 'Markdown: *italic*, **bold**, [link](https://…), `code`',
  nameLabel: 'Name',
  emailLabel: 'Email',
  emailHint: 'optional, never shown',
  websiteLabel: 'Website',
  notify: 'Notify me of replies',
  preview: 'Preview',
  sending: 'Sending…',
  submit: 'Post comment',
  textEmpty: 'Write something first.',
  textTooLong: (count: string, max: string) => `${count} characters; the limit is ${max}.`,
  invalidField: (label: string) => `Please check “${label}”.`,
  errors,
  announce: {
    posted: 'Comment posted.',
    held: 'Comment sent; it awaits moderation.',
    updated: 'Comment updated.',
    deleted: 'Comment deleted.',
    shown: 'More comments shown.',
    linkCopied: 'Link copied.',
    linkInAddressBar: 'The link is in the address bar.',
  },
}

/** A catalog: a missing or extra key in another language is a type error. */
export type Messages = typeof en
