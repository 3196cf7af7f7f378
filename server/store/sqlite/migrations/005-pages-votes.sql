-- Threads that scale: pages of top-level comments with their replies, votes, the blocklist as a
-- table, and thread versions bumped by the services instead of triggers.
-- Changing a column? Add a migration; never edit an applied one.

-- The top-level comment a reply hangs below (at any depth); NULL on top-level comments.
ALTER TABLE comments ADD COLUMN root_id INTEGER REFERENCES comments (id);
-- Whether readers see the comment: published, or deleted with a visible reply below it (kept as
-- a placeholder). Kept up to date by the services (services/comments/visibility.ts).
ALTER TABLE comments ADD COLUMN visible INTEGER NOT NULL DEFAULT 0 CHECK (visible IN (0, 1));
-- Votes received, and the lower bound of their Wilson score interval that "best" sorts by.
ALTER TABLE comments ADD COLUMN up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN down INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN best_rank REAL NOT NULL DEFAULT 0;

WITH RECURSIVE tree (id, root) AS (
  SELECT id, id FROM comments WHERE parent_id IS NULL
  UNION ALL
  SELECT c.id, tree.root FROM comments c JOIN tree ON c.parent_id = tree.id
)
UPDATE comments SET root_id = tree.root FROM tree
WHERE tree.id = comments.id AND comments.parent_id IS NOT NULL;

-- A deleted comment is a placeholder while a published reply, or a placeholder, hangs below it.
WITH RECURSIVE shown (id) AS (
  SELECT parent_id FROM comments WHERE status = 'published' AND parent_id IS NOT NULL
  UNION
  SELECT c.parent_id FROM comments c JOIN shown ON c.id = shown.id
  WHERE c.status = 'deleted' AND c.parent_id IS NOT NULL
)
UPDATE comments SET visible = 1
WHERE status = 'published' OR (status = 'deleted' AND id IN (SELECT id FROM shown));

-- A page of top-level comments, oldest or newest first, and best first.
CREATE INDEX comments_roots ON comments (thread_id, created_at, id)
  WHERE parent_id IS NULL AND visible = 1;
CREATE INDEX comments_roots_best ON comments (thread_id, best_rank DESC, created_at, id)
  WHERE parent_id IS NULL AND visible = 1;
-- A page of the replies below a top-level comment, in conversation order.
CREATE INDEX comments_replies ON comments (root_id, created_at, id)
  WHERE parent_id IS NOT NULL AND visible = 1;

-- One vote per reader and comment. A reader is its voter id (random, kept by the widget) or,
-- failing that, its client: clearing the browser's storage changes the vote, not the count.
-- Both are keyed hashes; the id itself is never stored.
CREATE TABLE votes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  voter_hash TEXT NOT NULL,
  client_hash TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value IN (-1, 1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, voter_hash)
);
CREATE INDEX votes_client ON votes (comment_id, client_hash);

-- The owner's blocklist, one row per entry, in the order entered.
CREATE TABLE blocklist (
  kind TEXT NOT NULL CHECK (kind IN ('word', 'email', 'client')),
  value TEXT NOT NULL,
  PRIMARY KEY (kind, value)
);
INSERT OR IGNORE INTO blocklist (kind, value)
  SELECT 'word', j.value FROM meta, json_each(meta.value, '$.words') j WHERE meta.key = 'blocklist'
  UNION ALL
  SELECT 'email', j.value FROM meta, json_each(meta.value, '$.emails') j WHERE meta.key = 'blocklist'
  UNION ALL
  SELECT 'client', j.value FROM meta, json_each(meta.value, '$.clients') j
  WHERE meta.key = 'blocklist';
DELETE FROM meta WHERE key = 'blocklist';

-- Versions are bumped by the services now, in the same transaction as the change, so that every
-- store implementation behaves alike.
DROP TRIGGER comments_insert_bumps_thread;
DROP TRIGGER comments_update_bumps_thread;
DROP TRIGGER comments_delete_bumps_thread;
DROP TRIGGER threads_update_bumps_version;
