-- The comments store. Every rule that must hold across several server
-- processes sharing this file (one comment per idempotency key, one
-- recommendation and one flag per reader) is a constraint here, not a map in
-- memory, so it holds however many processes write.

CREATE TABLE articles (
  id         TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE comments (
  id              TEXT PRIMARY KEY NOT NULL,
  article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- Always a top-level comment: threads are one level deep.
  parent_id       TEXT REFERENCES comments (id) ON DELETE CASCADE,
  author          TEXT NOT NULL,
  text            TEXT NOT NULL,
  -- ISO 8601 UTC with milliseconds, so text order is time order.
  created_at      TEXT NOT NULL,
  -- Kept equal to the rows in `recommendations`, so the sort can use an index.
  recommends      INTEGER NOT NULL DEFAULT 0 CHECK (recommends >= 0),
  -- 1 once enough readers flagged it; kept for moderation, never listed.
  hidden          INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  idempotency_key TEXT,
  -- Salted hash of the poster's address, for rate limiting; never the address.
  client_hash     TEXT,
  UNIQUE (article_id, idempotency_key)
);

-- One partial index per sort over the visible top-level comments: `newest`
-- reads the first backwards, `oldest` forwards.
CREATE INDEX comments_by_time ON comments (article_id, created_at, id)
  WHERE parent_id IS NULL AND hidden = 0;
CREATE INDEX comments_by_recommends ON comments (article_id, recommends, created_at, id)
  WHERE parent_id IS NULL AND hidden = 0;
-- The replies of a page's threads, oldest first, in one query.
CREATE INDEX comments_replies ON comments (parent_id, created_at, id)
  WHERE parent_id IS NOT NULL;
-- Counting visible comments, and finding hidden ones for moderation.
CREATE INDEX comments_visibility ON comments (article_id, hidden);
-- Rate limiting: a client's recent posts.
CREATE INDEX comments_by_client ON comments (client_hash, created_at)
  WHERE client_hash IS NOT NULL;

CREATE TABLE recommendations (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_id  TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
) WITHOUT ROWID;

CREATE TABLE flags (
  comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_id   TEXT NOT NULL,
  client_hash TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
) WITHOUT ROWID;

-- Settings every process sharing the file must agree on.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The salt of client hashes: random per database, shared by its processes,
-- so two processes count one client's posts together.
INSERT INTO meta (key, value) VALUES ('client_salt', lower(hex(randomblob(16))));
