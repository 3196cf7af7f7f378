-- The duplicate check as one indexed lookup, instead of normalising a whole thread per POST.
-- Changing a column? Add a migration; never edit an applied one.

-- SHA-256 (hex) of the text's duplicateKey (server/lib/duplicate-key.ts). SQLite cannot
-- normalise NFKC, so the store fills the rows older than this migration when it opens.
ALTER TABLE comments ADD COLUMN text_hash TEXT;
CREATE INDEX comments_thread_text_hash ON comments (thread_id, text_hash);
