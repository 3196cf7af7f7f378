-- Changing a column? Add a migration; never edit 001-init.sql.
-- Times are integer milliseconds since the epoch, UTC.

CREATE TABLE threads (
  id INTEGER PRIMARY KEY,
  uri TEXT NOT NULL UNIQUE,
  title TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  parent_id INTEGER REFERENCES comments (id),
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  email TEXT,
  website TEXT,
  avatar TEXT NOT NULL,
  client_hash TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'spam', 'deleted')),
  created_at INTEGER NOT NULL,
  edited_at INTEGER
);

-- Reading a thread: all its comments in order.
CREATE INDEX comments_thread_created ON comments (thread_id, created_at, id);
-- Counting published comments per thread.
CREATE INDEX comments_thread_status ON comments (thread_id, status);
-- Finding the replies of a comment.
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
