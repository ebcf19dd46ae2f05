-- Readers signed in with the publisher's accounts, and their comments'
-- edits and deletions: as migration 006 of the SQLite storage.
--
-- A user is (site, sub): the site's own id for its reader, never merged
-- with another by name or email. Their name follows the newest token's
-- `iat`, and is copied onto their comments when it changes, so a page
-- reads `author` as before, without a join.

CREATE TABLE users (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site       text COLLATE "C" NOT NULL,
  sub        text COLLATE "C" NOT NULL,
  name       text NOT NULL,
  avatar     text,
  -- The `iat` of the token the name came from: an older token never renames.
  name_iat   bigint NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  UNIQUE (site, sub)
);

ALTER TABLE comments ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE SET NULL;
-- Set when its author last changed its text.
ALTER TABLE comments ADD COLUMN edited_at text COLLATE "C";
-- Set on a comment its author deleted that stays, emptied, as the mark
-- its replies hang from. One without replies is deleted outright.
ALTER TABLE comments ADD COLUMN deleted_at text COLLATE "C";

-- A reader's own comments: their data, and the "mine" marks of a page.
CREATE INDEX comments_by_user ON comments (user_id, created_at) WHERE user_id IS NOT NULL;

-- A deleted mark is no comment: it leaves the counts (its replies stay in them).
CREATE OR REPLACE FUNCTION comment_share(c comments) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN c.hidden THEN 0
    WHEN c.parent_id IS NULL THEN (CASE WHEN c.deleted_at IS NULL THEN 1 ELSE 0 END) + c.visible_replies
    WHEN EXISTS (SELECT 1 FROM comments AS p WHERE p.id = c.parent_id AND p.hidden) THEN 0
    ELSE 1
  END
$$;

CREATE OR REPLACE FUNCTION comment_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.article_id IS DISTINCT FROM NEW.article_id THEN
    RAISE EXCEPTION 'a comment cannot move to another thread or article';
  END IF;
  IF NEW.parent_id IS NOT NULL AND OLD.hidden IS DISTINCT FROM NEW.hidden THEN
    UPDATE comments SET visible_replies = visible_replies + CASE WHEN NEW.hidden THEN -1 ELSE 1 END
     WHERE id = NEW.parent_id;
  END IF;
  UPDATE comment_counts SET visible = visible - comment_share(OLD) + comment_share(NEW)
   WHERE article_id = NEW.article_id;
  RETURN NULL;
END $$;

DROP TRIGGER comment_counts_update ON comments;
CREATE TRIGGER comment_counts_update AFTER UPDATE OF hidden, parent_id, article_id, deleted_at ON comments
  FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
                     OR OLD.article_id IS DISTINCT FROM NEW.article_id OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION comment_counts_update();

-- Events of every kind. A deleted comment's event outlives its row: no
-- foreign key to comments, and what a deleted mark needs (its thread and
-- its date) is kept on the event.
ALTER TABLE events DROP CONSTRAINT events_comment_id_fkey;
DROP INDEX events_by_comment;
ALTER TABLE events ADD COLUMN kind text NOT NULL DEFAULT 'published'
  CHECK (kind IN ('published', 'edited', 'deleted', 'removed'));
ALTER TABLE events ADD COLUMN parent_id text COLLATE "C";
ALTER TABLE events ADD COLUMN comment_created_at text COLLATE "C";

-- One function for every kind (its argument), under migration 003's lock
-- and NOTIFY, so seq order stays commit order within an article.
CREATE OR REPLACE FUNCTION comment_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c comments := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  -- A comment going with its article (ON DELETE CASCADE) has no one left to tell.
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM articles WHERE id = c.article_id) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(1853318518, hashtext(c.article_id));
  IF TG_ARGV[0] IN ('deleted', 'removed') THEN
    INSERT INTO events (article_id, comment_id, kind, parent_id, comment_created_at)
    VALUES (c.article_id, c.id, TG_ARGV[0], c.parent_id, c.created_at);
  ELSE
    INSERT INTO events (article_id, comment_id, kind) VALUES (c.article_id, c.id, TG_ARGV[0]);
  END IF;
  PERFORM pg_notify('comment_events', md5(c.article_id));
  RETURN NULL;
END
$$;

DROP TRIGGER comment_event ON comments;
CREATE TRIGGER comment_event AFTER INSERT ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND NOT NEW.hidden) EXECUTE FUNCTION comment_event('published');
-- Hidden (readers' flags, a moderator): taken away from live readers, a
-- thread with its replies; shown again: published anew, after the events
-- those readers have already passed.
CREATE TRIGGER comment_removed_event AFTER UPDATE OF hidden ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND NOT OLD.hidden AND NEW.hidden)
  EXECUTE FUNCTION comment_event('removed');
CREATE TRIGGER comment_shown_event AFTER UPDATE OF hidden ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND OLD.hidden AND NOT NEW.hidden)
  EXECUTE FUNCTION comment_event('published');
CREATE TRIGGER comment_edited_event AFTER UPDATE OF edited_at ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND NEW.edited_at IS NOT NULL AND NEW.deleted_at IS NULL)
  EXECUTE FUNCTION comment_event('edited');
-- Emptied into a mark, or deleted outright (by its author or a moderator).
CREATE TRIGGER comment_marked_event AFTER UPDATE OF deleted_at ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL AND OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
  EXECUTE FUNCTION comment_event('deleted');
CREATE TRIGGER comment_deleted_event AFTER DELETE ON comments
  FOR EACH ROW WHEN (OLD.idempotency_key IS NOT NULL) EXECUTE FUNCTION comment_event('deleted');
