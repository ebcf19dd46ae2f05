-- Live events: one row per posted comment, written by the trigger below in
-- the posting transaction, so an event exists exactly when its comment is
-- durable. SQLite has one writer at a time, so `seq` order is commit
-- order; a listener resumes after the last one it saw. Seeded comments (no
-- idempotency key) are not events.

CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE
);

CREATE INDEX events_by_article ON events (article_id, seq);
CREATE INDEX events_by_comment ON events (comment_id);

CREATE TRIGGER comment_event AFTER INSERT ON comments
  WHEN NEW.idempotency_key IS NOT NULL
BEGIN
  INSERT INTO events (article_id, comment_id) VALUES (NEW.article_id, NEW.id);
END;
