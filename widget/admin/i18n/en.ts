import type { ModerationMode } from '../../../server/contract.ts'
import type { ApiErrorCode } from '../../lib/api-error.ts'

const rejected = 'The server refused the request. Reload the page and try again.'
const serverDown = 'The server is unavailable. Try again in a moment.'

const errors: Record<ApiErrorCode, string> = {
  invalid_json: rejected,
  invalid_encoding: rejected,
  unsupported_media_type: rejected,
  not_found: rejected,
  method_not_allowed: rejected,
  payload_too_large: 'That is too long for the server.',
  invalid_input: 'Please check what you entered.',
  parent_not_found: 'Approve this comment before replying to it.',
  comment_not_found: 'This comment no longer exists. Reload the list.',
  token_missing: rejected,
  token_invalid: rejected,
  unauthorized: 'Your session has ended. Log in again.',
  wrong_password: 'Wrong password. Try again.',
  thread_closed: 'This thread is closed.',
  votes_disabled: 'Votes are turned off on this site.',
  too_many_links: 'The text has too many links.',
  duplicate_comment: 'This text was already posted in this thread.',
  edit_window_closed: rejected,
  forbidden_origin: 'Changes must come from this panel, on the server’s own address.',
  rate_limited: 'Too many tries. Wait a minute and try again.',
  invalid_link: rejected,
  link_expired: rejected,
  link_used: rejected,
  link_stale: rejected,
  internal: serverDown,
  unavailable: serverDown,
  network: 'Could not reach the server. Check your connection and try again.',
}

const modes: Record<ModerationMode, string> = {
  open: 'New comments are published at once.',
  'first-time': 'A new author’s first comment waits for approval.',
  all: 'Every new comment waits for approval.',
}

const s = (n: number) => (n === 1 ? '' : 's')

/** The reference catalog of the admin panel: the French one has exactly these keys. */
export const en = {
  locale: 'en',
  /** The other language, offered by the switch in its own words. */
  otherLanguage: 'Français',
  otherLanguageLabel: 'Lire l’interface en français',
  appName: 'Causerie',
  panel: 'Moderation',
  loading: 'Loading…',
  retry: 'Retry',

  loginTitle: 'Log in to moderate comments',
  password: 'Password',
  passwordEmpty: 'Enter the password.',
  logIn: 'Log in',
  loggingIn: 'Logging in…',
  tooManyTries: (seconds: number) =>
    `Too many failed attempts. Try again in ${seconds} second${s(seconds)}.`,
  logOut: 'Log out',

  views: 'Views',
  queue: 'Queue',
  all: 'All comments',
  threads: 'Threads',
  search: 'Search',
  blocklist: 'Blocklist & bans',
  pendingCount: (n: number) => `${n} pending`,

  status: { pending: 'Pending', published: 'Published', spam: 'Spam', deleted: 'Deleted' },
  statusFilter: 'Status',
  anyStatus: 'Any',
  modes,

  overview: 'Overview',
  chartTitle: 'Comments per day, last 30 days',
  chartSummary: (comments: number, spam: number, busiest: string, most: number) =>
    `Comments per day over the last 30 days: ${comments} comment${s(comments)} and ${spam} spam in all` +
    (most > 0 ? `; the busiest day was ${busiest}, with ${most}.` : '.'),
  chartDay: 'Day',
  chartComments: 'Comments',
  chartSpam: 'Spam',
  chartBar: (day: string, comments: number, spam: number) =>
    `${day}: ${comments} comment${s(comments)}, ${spam} spam`,

  queueTitle: 'Waiting for approval',
  queueEmpty: 'Nothing waits for approval. All caught up.',
  allTitle: 'All comments',
  listEmpty: 'No comments here.',
  loadMore: 'Load more',
  selectAll: 'Select all shown',
  selectComment: (name: string) => `Select the comment by ${name}`,
  selected: (n: number) => `${n} selected`,
  clearSelection: 'Clear selection',
  bulkActions: 'Actions on the selected comments',

  anonymous: 'Anonymous',
  noEmail: 'no email',
  client: 'client',
  onThread: 'on',
  ownerBadge: 'Author',
  notifies: 'wants reply mails',
  edited: 'edited',
  deletedByAuthor: 'Its author deleted this comment.',
  actions: (name: string) => `Actions on the comment by ${name}`,

  approve: 'Approve',
  restore: 'Restore',
  spam: 'Spam',
  delete: 'Delete',
  edit: 'Edit',
  reply: 'Reply',
  banEmail: 'Ban email',
  unbanEmail: 'Unban email',
  banClient: 'Ban client',
  unbanClient: 'Unban client',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  publishReply: 'Publish reply',
  textLabel: 'Text (Markdown)',
  replyLabel: (name: string) => `Your reply to ${name} (Markdown)`,
  yourName: 'Your name',
  yourNameHint: 'Shown next to the Author badge',
  textEmpty: 'Write something first.',

  approved: (n: number) => (n === 1 ? 'Comment approved.' : `${n} comments approved.`),
  spammed: (n: number) => (n === 1 ? 'Comment marked as spam.' : `${n} comments marked as spam.`),
  deleted: (n: number) => (n === 1 ? 'Comment deleted.' : `${n} comments deleted.`),
  restored: (n: number) => (n === 1 ? 'Comment restored.' : `${n} comments restored.`),
  updated: 'Comment updated.',
  replied: 'Reply published.',
  banned: (who: string) => `${who} is banned: future comments go to spam.`,
  unbanned: (who: string) => `${who} is no longer banned.`,
  thisClient: 'This client',
  undo: 'Undo',
  dismiss: 'Dismiss',

  threadsTitle: 'Threads',
  threadsEmpty: 'No threads yet.',
  thread: 'Thread',
  comments: 'Comments',
  lastComment: 'Last comment',
  noComments: 'none',
  newComments: 'New comments',
  openThread: 'Open',
  closedThread: 'Closed',
  closeThread: 'Close',
  reopenThread: 'Reopen',
  threadClosed: (uri: string) => `${uri} is closed to new comments.`,
  threadReopened: (uri: string) => `${uri} is open to new comments again.`,
  allThreads: 'All threads',
  countSummary: (published: number, pending: number, spam: number) =>
    `${published} published, ${pending} pending, ${spam} spam`,

  searchLabel: 'Search by text, author, email or thread',
  searchButton: 'Search',
  results: (query: string) => `Comments matching “${query}”`,
  searchPrompt: 'Type a word, a name, an email address or a thread path.',
  searchEmpty: (query: string) => `No comment matches “${query}”.`,

  blocklistTitle: 'Blocklist & bans',
  blocklistIntro:
    'New comments that match any entry are stored as spam, without a word to their author.',
  words: 'Blocked words',
  wordsHint: 'Words or phrases, matched whole in the text, the name and the website.',
  emails: 'Banned emails',
  emailsHint: 'An address, or a whole domain written as @example.com.',
  clients: 'Banned clients',
  clientsHint: 'Ban a client from one of its comments: “Ban client”.',
  newEntry: (list: string) => `New entry in ${list}`,
  add: 'Add',
  remove: 'Remove',
  removeEntry: (entry: string) => `Remove ${entry}`,
  listNone: 'None.',
  removedEntry: (entry: string) => `${entry} is off the blocklist.`,
  eraseTitle: 'Erase everything tied to an email',
  eraseHint:
    'When a reader asks: their comments are wiped (replies of others keep a placeholder), and their subscription, mails and ban are deleted.',
  eraseLabel: 'Email address to erase',
  erase: 'Erase…',
  eraseConfirm: (email: string) => `Erase everything tied to ${email}? This cannot be undone.`,
  eraseForGood: 'Erase for good',
  erased: (email: string, comments: number, subscriptions: number, mails: number) =>
    `Erased ${email}: ${comments} comment${s(comments)}, ${subscriptions} subscription${s(subscriptions)}, ${mails} mail${s(mails)}.`,

  errors,
}

/** The admin panel's catalog: a missing or extra key in another language is a type error. */
export type AdminMessages = typeof en
