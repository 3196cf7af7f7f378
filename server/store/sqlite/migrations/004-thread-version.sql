-- A version per thread, bumped by the database itself on every change readers could see, so that
-- a server may cache a thread's public answer and check it with one indexed read, whatever path
-- wrote (reader, admin panel, mail link, another process).
-- Changing a column? Add a migration; never edit an applied one.

ALTER TABLE threads ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- These only touch threads.version, so the threads trigger below never fires from them.
CREATE TRIGGER comments_insert_bumps_thread AFTER INSERT ON comments BEGIN
  UPDATE threads SET version = version + 1 WHERE id = NEW.thread_id;
END;
CREATE TRIGGER comments_update_bumps_thread AFTER UPDATE ON comments BEGIN
  UPDATE threads SET version = version + 1 WHERE id IN (OLD.thread_id, NEW.thread_id);
END;
CREATE TRIGGER comments_delete_bumps_thread AFTER DELETE ON comments BEGIN
  UPDATE threads SET version = version + 1 WHERE id = OLD.thread_id;
END;

-- UPDATE OF fires whenever a column is assigned, even to its own value (every POST's upsert
-- assigns title): bump only on a real change.
CREATE TRIGGER threads_update_bumps_version AFTER UPDATE OF closed_at, title ON threads
WHEN OLD.closed_at IS NOT NEW.closed_at OR OLD.title IS NOT NEW.title BEGIN
  UPDATE threads SET version = version + 1 WHERE id = NEW.id;
END;
