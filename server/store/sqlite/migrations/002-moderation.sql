-- Moderation, the admin's sessions and the notification queue.
-- Changing a column? Add a migration; never edit an applied one.

-- Set when the owner closes a thread to new comments.
ALTER TABLE threads ADD COLUMN closed_at INTEGER;

-- The site owner's replies, shown with an "author" badge.
ALTER TABLE comments ADD COLUMN is_owner INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1));
-- The author asked to be mailed about replies to this comment.
ALTER TABLE comments ADD COLUMN notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1));

-- The admin's views: one status, newest or oldest first.
CREATE INDEX comments_status_id ON comments (status, id);
-- first-time moderation: has this author, by email or else by client, a published comment?
CREATE INDEX comments_email ON comments (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX comments_client ON comments (client_hash, status);
-- Comments per day, for the admin's chart.
CREATE INDEX comments_created ON comments (created_at);

-- Admin sessions: only a SHA-256 of the cookie's value is kept.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Mails and webhook calls waiting to be sent, retried with back-off; kept a while once sent.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
  payload TEXT NOT NULL,
  -- Makes an event enqueue at most once, e.g. the notification of one reply.
  dedupe_key TEXT UNIQUE,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  sent_at INTEGER,
  failed_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Readers' addresses for reply notifications, by lower-cased address (double opt-in).
CREATE TABLE subscribers (
  email TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
  confirm_sent_at INTEGER,
  updated_at INTEGER NOT NULL
);

-- Nonces of the single-use links in the owner's mails, once used.
CREATE TABLE used_links (
  nonce TEXT PRIMARY KEY,
  used_at INTEGER NOT NULL
);
