import type { CommentStatus, ThreadSort } from '../contract.ts'

/** A thread: the comments of one page, keyed by its normalised URI. Times are epoch ms. */
export interface ThreadRow {
  id: number
  uri: string
  title: string | null
  createdAt: number
  /** Set while the owner has closed the thread to new comments. */
  closedAt: number | null
  /**
   * Bumped by every use case that changes what readers see of the thread or its comments, in
   * the same transaction (Store.bumpThreadVersion), so a cached page is checked with one read.
   */
  version: number
}

/** A comment as stored, with the private fields that never leave the server. */
export interface CommentRow {
  id: number
  threadId: number
  parentId: number | null
  /** The Markdown the author wrote. */
  text: string
  /** `text` rendered and sanitised, kept so that reads never render. */
  html: string
  name: string
  email: string | null
  website: string | null
  avatar: string
  /** Keyed hash of the client's address; never the address itself. */
  clientHash: string
  /** SHA-256 of the edit token, hex; the token itself is never stored. */
  tokenHash: string
  status: CommentStatus
  createdAt: number
  editedAt: number | null
  /** A reply the site owner wrote from the admin panel. */
  isOwner: boolean
  /** The author asked to be mailed about replies. */
  notify: boolean
  /** The top-level comment this reply hangs below, at any depth; null on top-level comments. */
  rootId: number | null
  /**
   * Whether readers see it: published, or deleted with a visible reply below (a placeholder).
   * The services keep it up to date (services/comments/visibility.ts).
   */
  visible: boolean
  /** SHA-256 of the text's duplicate key (lib/duplicate-key.ts): the duplicate check's index. */
  textHash: string
  /** Votes received. */
  up: number
  down: number
  /** What "best" sorts by: the lower bound of the Wilson score of up among votes. */
  bestRank: number
}

/** The columns of a comment that its public view (services/to-comment.ts) is built from. */
export type PublicCommentRow = Pick<
  CommentRow,
  | 'id'
  | 'parentId'
  | 'html'
  | 'name'
  | 'website'
  | 'avatar'
  | 'status'
  | 'createdAt'
  | 'editedAt'
  | 'isOwner'
  | 'up'
  | 'down'
  | 'bestRank'
>

/** A comment to insert (services/comments/new-comment-row.ts builds them); it has no votes yet. */
export type NewCommentRow = Omit<CommentRow, 'id' | 'up' | 'down' | 'bestRank'>

/** Where a page of top-level comments starts: after the comment with these sort keys. */
export interface RootCursor {
  createdAt: number
  id: number
  /** Only for `best`. */
  bestRank: number
}

/** Where a page of replies starts: after the reply with these keys, in conversation order. */
export type ReplyCursor = Pick<RootCursor, 'createdAt' | 'id'>

/** A reader's vote; voter and client are keyed hashes. */
export interface VoteRow {
  commentId: number
  voterHash: string
  clientHash: string
  value: 1 | -1
  createdAt: number
}

export type BlocklistKind = 'word' | 'email' | 'client'

/** One entry of the owner's blocklist; emails and words as the service normalised them. */
export interface BlocklistRow {
  kind: BlocklistKind
  value: string
}

/** A comment with its thread, for the admin's views across threads. */
export interface AdminCommentRow extends CommentRow {
  uri: string
  threadTitle: string | null
}

/** The admin's search; every given criterion must match. */
export interface CommentQuery {
  status?: CommentStatus
  /** One thread, by normalised URI. */
  uri?: string
  /** Part of the text, name, email or thread URI, case-insensitive (ASCII). */
  text?: string
  email?: string
  clientHash?: string
  /** By id: 'asc' is oldest first. */
  order: 'asc' | 'desc'
  /** Only ids below (desc) or above (asc) this one: the cursor of the next page. */
  cursor?: number
  limit: number
}

export type StatusCountRow = Record<CommentStatus, number>

/** Comments created on one UTC day, counted apart from spam. */
export interface DayCountRow {
  /** Days since 1970-01-01. */
  day: number
  comments: number
  spam: number
}

export interface ThreadSummaryRow extends ThreadRow {
  lastCommentAt: number | null
  counts: StatusCountRow
}

export type OutboxKind = 'mail' | 'webhook'

export interface OutboxRow {
  id: number
  kind: OutboxKind
  /** JSON, built when the event happened. */
  payload: string
  dedupeKey: string | null
  attempts: number
  nextAttemptAt: number
  lastError: string | null
  sentAt: number | null
  failedAt: number | null
  createdAt: number
}

export type NewOutboxRow = Pick<OutboxRow, 'kind' | 'payload' | 'createdAt'> &
  Partial<Pick<OutboxRow, 'dedupeKey'>>

export type OutboxPatch = Partial<
  Pick<OutboxRow, 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'failedAt'>
>

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed'

/** A reader's address for reply notifications; `email` is lower-cased. */
export interface SubscriberRow {
  email: string
  status: SubscriberStatus
  /** When the last confirmation mail was queued. */
  confirmSentAt: number | null
  updatedAt: number
}

export type CommentPatch = Partial<
  Pick<
    CommentRow,
    | 'text'
    | 'textHash'
    | 'html'
    | 'name'
    | 'email'
    | 'website'
    | 'avatar'
    | 'status'
    | 'editedAt'
    | 'notify'
    | 'visible'
    | 'up'
    | 'down'
    | 'bestRank'
  >
>

/**
 * Everything the services need from a database. Methods return Promises so that a PostgreSQL
 * store can implement the same interface; "not found" is `undefined`, never an error. The store
 * keeps no rules: hashes, visibility, versions and blocklist matching are the services'.
 */
export interface Store extends CommentStore, PageStore, AdminStore, NotificationStore {
  /**
   * Runs `fn` in one transaction and resolves with its result after the commit; if `fn` throws,
   * nothing it wrote is kept and the error is rethrown. Inside, use `tx` (or this store: calls
   * made from within `fn` join the transaction); calls from elsewhere wait until it ends, so
   * they never see a half-done use case. Nested calls join the outer transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
}

/** Pages of a thread, votes and the blocklist. */
export interface PageStore {
  /** Marks a thread changed, so that cached pages of it are built again (ThreadRow.version). */
  bumpThreadVersion(threadId: number): Promise<void>
  /** Published comments of one thread. */
  countThreadPublished(threadId: number): Promise<number>
  /** Visible top-level comments of a thread in `sort` order, after `after`, at most `limit`. */
  listRoots(
    threadId: number,
    sort: ThreadSort,
    after: RootCursor | undefined,
    limit: number,
  ): Promise<PublicCommentRow[]>
  /** Visible replies below a top-level comment (every depth), oldest first, after `after`. */
  listReplies(
    rootId: number,
    after: ReplyCursor | undefined,
    limit: number,
  ): Promise<PublicCommentRow[]>
  /** Visible replies below each of these top-level comments; those without any are absent. */
  countReplies(rootIds: readonly number[]): Promise<Map<number, number>>
  /** Whether a comment has a visible reply directly below it. */
  hasVisibleChild(id: number): Promise<boolean>
  /** The vote on a comment by this voter, or else by any of these clients. */
  findVote(
    commentId: number,
    voterHash: string,
    clientHashes: readonly string[],
  ): Promise<VoteRow | undefined>
  /** Stores a vote, replacing the one found under `replaces` (a voter hash) if given. */
  saveVote(row: VoteRow, replaces?: string): Promise<void>
  /** Removes a vote. */
  deleteVote(commentId: number, voterHash: string): Promise<void>
  /** The owner's blocklist, in the order entered. */
  listBlocklist(): Promise<BlocklistRow[]>
  /** Adds an entry; one already there is left alone. */
  addBlocklistEntry(row: BlocklistRow): Promise<void>
  /** Removes an entry; resolves with how many were removed (0 or 1). */
  deleteBlocklistEntry(row: BlocklistRow): Promise<number>
  /** Removes every entry. */
  clearBlocklist(): Promise<void>
  /** Up to `limit` comments stored before their text had a hash (migration 003). */
  listUnhashedTexts(limit: number): Promise<Pick<CommentRow, 'id' | 'text'>[]>
}

/** Threads, comments and settings: what readers' requests need. */
export interface CommentStore {
  /** The thread with this normalised URI. */
  findThread(uri: string): Promise<ThreadRow | undefined>
  /** The thread with this id. */
  findThreadById(id: number): Promise<ThreadRow | undefined>
  /** Creates the thread if it is new; an existing thread keeps its title unless it had none. */
  upsertThread(uri: string, title: string | null, createdAt: number): Promise<ThreadRow>
  /** Every comment of a thread, whatever its status, oldest first (ties by id): exports, tests. */
  listComments(threadId: number): Promise<CommentRow[]>
  /** One comment by id, whatever its status. */
  findComment(id: number): Promise<CommentRow | undefined>
  /** Stores a comment; resolves after the commit, with its new id. */
  insertComment(row: NewCommentRow): Promise<CommentRow>
  /** Changes some fields of a comment; resolves with the updated row after the commit. */
  updateComment(id: number, patch: CommentPatch): Promise<CommentRow | undefined>
  /** Opens or closes a thread to new comments (closedAt null opens), creating it if needed. */
  setThreadClosed(uri: string, closedAt: number | null, createdAt: number): Promise<ThreadRow>
  /**
   * Whether a reader, known by email (case-insensitive) or by client, has a published comment
   * other than `exceptId`; owner replies do not count.
   */
  hasPublished(
    author: { email: string } | { clientHash: string },
    exceptId?: number,
  ): Promise<boolean>
  /**
   * Whether a thread has a comment with this text hash (CommentRow.textHash) that is published,
   * or is this client's own and not deleted.
   */
  hasDuplicate(threadId: number, textHash: string, clientHash: string): Promise<boolean>
  /** Published comments per thread URI; URIs without a thread are absent from the map. */
  countPublished(uris: readonly string[]): Promise<Map<string, number>>
  /** A server setting or secret. */
  getMeta(key: string): Promise<string | undefined>
  /** Sets a server setting, replacing any previous value. */
  setMeta(key: string, value: string): Promise<void>
  /** Sets a setting only if it is unset; resolves with the value that is stored afterwards. */
  claimMeta(key: string, value: string): Promise<string>
  /** Deletes the settings whose key starts with `prefix`, except the keys in `keep`. */
  pruneMeta(prefix: string, keep: readonly string[]): Promise<void>
  /** Resolves when the database answers a trivial query (health checks). */
  ping(): Promise<void>
  /** Closes the database; no method may be called afterwards. */
  close(): Promise<void>
}

/** The admin panel's views and sessions. */
export interface AdminStore {
  /** Comments across threads matching a query, in the query's order, at most `limit`. */
  searchComments(query: CommentQuery): Promise<AdminCommentRow[]>
  /** One comment with its thread. */
  findAdminComment(id: number): Promise<AdminCommentRow | undefined>
  /** Every comment by status. */
  countByStatus(): Promise<StatusCountRow>
  /** Comments created since `since` (epoch ms) per UTC day; days without any are absent. */
  countByDay(since: number): Promise<DayCountRow[]>
  /** Threads with their counts, latest comment first (threads without comments last). */
  listThreads(limit: number, offset: number): Promise<ThreadSummaryRow[]>
  /** One thread with its counts. */
  findThreadSummary(threadId: number): Promise<ThreadSummaryRow | undefined>
  /** Stores a session by the hash of its id. */
  insertSession(idHash: string, createdAt: number, expiresAt: number): Promise<void>
  /** When the session ends, or undefined if there is no such session. */
  findSessionExpiry(idHash: string): Promise<number | undefined>
  /** Ends one session. */
  deleteSession(idHash: string): Promise<void>
  /** Forgets the sessions that ended before `now`. */
  deleteExpiredSessions(now: number): Promise<void>
  /**
   * Erases everything tied to an address (case-insensitive): its comments are wiped to deleted
   * placeholders (author, text, email, website, avatar, client hash gone; text hash set to
   * `emptyTextHash`) and removed outright when no reply hangs below them; its subscription, the
   * queued or sent mails that name it, and its blocklist entry are deleted. Run it in a
   * transaction: the service then fixes visibility and versions from `touched`.
   */
  eraseEmail(email: string, emptyTextHash: string): Promise<ErasedCounts>
  /** Makes what an erasure removed unrecoverable from the database's files; after the commit. */
  flushErasure(): Promise<void>
}

/** What an erasure removed; `comments` counts wiped ones, deleted outright or not. */
export interface ErasedCounts {
  comments: number
  subscriptions: number
  mails: number
  bans: number
  /** The wiped comments that remain, and the parents of those removed, with their threads. */
  touched: { commentIds: number[]; threadIds: number[] }
}

/** The notification queue, readers' subscriptions and single-use links. */
export interface NotificationStore {
  /** Queues items in one commit; one whose dedupeKey is already queued is skipped. */
  enqueue(items: readonly NewOutboxRow[]): Promise<void>
  /**
   * Takes up to `limit` items due at `now` and leases them until `leaseUntil`, so that no other
   * worker takes them meanwhile; a worker that dies leaves them due again once the lease ends.
   */
  claimOutbox(now: number, leaseUntil: number, limit: number): Promise<OutboxRow[]>
  /** Records an attempt's outcome. */
  updateOutbox(id: number, patch: OutboxPatch): Promise<void>
  /** Every queued item, sent or not, oldest first (tests and diagnostics). */
  listOutbox(): Promise<OutboxRow[]>
  /** Forgets items sent or given up before `before`. */
  pruneOutbox(before: number): Promise<void>
  /** A reader's subscription, by lower-cased address. */
  findSubscriber(email: string): Promise<SubscriberRow | undefined>
  /** Creates or replaces a subscription. */
  saveSubscriber(row: SubscriberRow): Promise<void>
  /** Marks a link's nonce used; resolves false if it was used already. */
  useLinkNonce(nonce: string, usedAt: number): Promise<boolean>
  /** Forgets nonces used before `before` (their links have expired by then). */
  pruneLinkNonces(before: number): Promise<void>
}
