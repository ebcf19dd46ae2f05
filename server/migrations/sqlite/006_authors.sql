-- Readers signed in with the publisher's accounts, and their comments'
-- edits and deletions.
--
-- A user is (site, sub): the site's own id for its reader, never merged
-- with another by name or email. Their name follows the newest token's
-- `iat`, and is copied onto their comments when it changes, so a page
-- reads `author` as before, without a join.

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  site       TEXT NOT NULL,
  sub        TEXT NOT NULL,
  name       TEXT NOT NULL,
  avatar     TEXT,
  -- The `iat` of the token the name came from: an older token never renames.
  name_iat   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (site, sub)
);

ALTER TABLE comments ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
-- Set when its author last changed its text.
ALTER TABLE comments ADD COLUMN edited_at TEXT;
-- Set on a comment its author deleted that stays, emptied, as the mark
-- its replies hang from. One without replies is deleted outright.
ALTER TABLE comments ADD COLUMN deleted_at TEXT;

-- A reader's own comments: their data, and the "mine" marks of a page.
CREATE INDEX comments_by_user ON comments (user_id, created_at) WHERE user_id IS NOT NULL;

-- A deleted mark is no comment: it leaves the counts, as a deleted comment
-- does. The triggers of migration 002 count rows with hidden = 0; they are
-- made again here to leave out rows with deleted_at set.
DROP TRIGGER comment_counts_update;
CREATE TRIGGER comment_counts_update AFTER UPDATE OF hidden, parent_id, article_id, deleted_at ON comments
WHEN OLD.hidden IS NOT NEW.hidden OR OLD.parent_id IS NOT NEW.parent_id OR OLD.article_id IS NOT NEW.article_id
  OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  UPDATE comment_counts
     SET visible = (SELECT count(*) FROM comments
                     WHERE article_id = comment_counts.article_id AND hidden = 0 AND deleted_at IS NULL)
                 - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
                     WHERE p.article_id = comment_counts.article_id AND p.hidden = 1
                       AND p.parent_id IS NULL AND r.hidden = 0)
   WHERE article_id IN (OLD.article_id, NEW.article_id);
END;

DROP TRIGGER comment_counts_delete;
CREATE TRIGGER comment_counts_delete BEFORE DELETE ON comments
BEGIN
  -- The comment itself, unless it was a deleted mark already.
  UPDATE comment_counts SET visible = visible - 1
   WHERE OLD.hidden = 0 AND OLD.deleted_at IS NULL AND article_id = OLD.article_id;
  -- A visible reply of a hidden thread was subtracted from its thread's article.
  UPDATE comment_counts SET visible = visible + 1
   WHERE OLD.hidden = 0
     AND article_id = (SELECT article_id FROM comments
                        WHERE id = OLD.parent_id AND hidden = 1 AND parent_id IS NULL);
  -- A hidden thread had its visible replies subtracted.
  UPDATE comment_counts
     SET visible = visible + (SELECT count(*) FROM comments WHERE parent_id = OLD.id AND hidden = 0)
   WHERE OLD.hidden = 1 AND OLD.parent_id IS NULL AND article_id = OLD.article_id;
END;

-- Events of every kind. A deleted comment's event outlives its row, so
-- the table is made again without the foreign key to comments, and keeps
-- what a deleted mark needs: its thread and its date.
DROP TRIGGER comment_event;

CREATE TABLE events_by_kind (
  seq                INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  comment_id         TEXT NOT NULL,
  kind               TEXT NOT NULL DEFAULT 'published' CHECK (kind IN ('published', 'edited', 'deleted', 'removed')),
  parent_id          TEXT,
  comment_created_at TEXT
);
INSERT INTO events_by_kind (seq, article_id, comment_id) SELECT seq, article_id, comment_id FROM events;
DROP TABLE events;
ALTER TABLE events_by_kind RENAME TO events;
CREATE INDEX events_by_article ON events (article_id, seq);

CREATE TRIGGER comment_event AFTER INSERT ON comments
  WHEN NEW.idempotency_key IS NOT NULL AND NEW.hidden = 0
BEGIN
  INSERT INTO events (article_id, comment_id) VALUES (NEW.article_id, NEW.id);
END;

-- Hidden (readers' flags, a moderator): taken away from live readers, a
-- thread with its replies; shown again: published anew, after the events
-- those readers have already passed.
CREATE TRIGGER comment_removed_event AFTER UPDATE OF hidden ON comments
  WHEN NEW.idempotency_key IS NOT NULL AND OLD.hidden = 0 AND NEW.hidden = 1
BEGIN
  INSERT INTO events (article_id, comment_id, kind, parent_id, comment_created_at)
  VALUES (NEW.article_id, NEW.id, 'removed', NEW.parent_id, NEW.created_at);
END;

CREATE TRIGGER comment_shown_event AFTER UPDATE OF hidden ON comments
  WHEN NEW.idempotency_key IS NOT NULL AND OLD.hidden = 1 AND NEW.hidden = 0
BEGIN
  INSERT INTO events (article_id, comment_id) VALUES (NEW.article_id, NEW.id);
END;

CREATE TRIGGER comment_edited_event AFTER UPDATE OF edited_at ON comments
  WHEN NEW.idempotency_key IS NOT NULL AND NEW.edited_at IS NOT NULL AND NEW.deleted_at IS NULL
BEGIN
  INSERT INTO events (article_id, comment_id, kind) VALUES (NEW.article_id, NEW.id, 'edited');
END;

-- Emptied into a mark, or deleted outright (by its author or a moderator).
CREATE TRIGGER comment_marked_event AFTER UPDATE OF deleted_at ON comments
  WHEN NEW.idempotency_key IS NOT NULL AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
  INSERT INTO events (article_id, comment_id, kind, parent_id, comment_created_at)
  VALUES (NEW.article_id, NEW.id, 'deleted', NEW.parent_id, NEW.created_at);
END;

CREATE TRIGGER comment_deleted_event AFTER DELETE ON comments
  WHEN OLD.idempotency_key IS NOT NULL
BEGIN
  INSERT INTO events (article_id, comment_id, kind, parent_id, comment_created_at)
  SELECT OLD.article_id, OLD.id, 'deleted', OLD.parent_id, OLD.created_at
   WHERE EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id);
END;
