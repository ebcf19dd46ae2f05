-- Live events: one row per posted comment, written by the trigger below in
-- the posting transaction, so an event exists exactly when its comment is
-- durable. `seq` orders an article's events; a listener resumes after the
-- last one it saw. Seeded comments (no idempotency key) are not events.
--
-- Sequence values are handed out at insert time, not at commit, so two
-- posting transactions could commit out of order and a reader could see
-- seq 8 before seq 7 exists, then skip 7 for ever. The trigger takes a
-- transaction lock on the article before it draws a value, held until the
-- commit: within an article, seq order is commit order. Posts to different
-- articles do not wait for each other.
--
-- The NOTIFY is sent at commit, to every instance's listening connection;
-- its payload is the md5 of the article id (fixed length, far under
-- NOTIFY's 8000 bytes, however long the id).

CREATE TABLE events (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  comment_id text COLLATE "C" NOT NULL REFERENCES comments (id) ON DELETE CASCADE
);

CREATE INDEX events_by_article ON events (article_id, seq);
-- Deleting a comment deletes its events: found by comment.
CREATE INDEX events_by_comment ON events (comment_id);

CREATE FUNCTION comment_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The first key ("nwev" in ASCII) keeps these apart from the client locks of the rate limits.
  PERFORM pg_advisory_xact_lock(1853318518, hashtext(NEW.article_id));
  INSERT INTO events (article_id, comment_id) VALUES (NEW.article_id, NEW.id);
  PERFORM pg_notify('comment_events', md5(NEW.article_id));
  RETURN NULL;
END
$$;

CREATE TRIGGER comment_event AFTER INSERT ON comments
  FOR EACH ROW WHEN (NEW.idempotency_key IS NOT NULL) EXECUTE FUNCTION comment_event();
