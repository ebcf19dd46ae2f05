-- The comments store on PostgreSQL. Several server instances share it, so
-- every rule that must hold across them (one comment per idempotency key,
-- one recommendation and one flag per reader) is a constraint here, and
-- every count is kept by triggers in the transaction that changes it.
--
-- Ids and dates are text in the "C" collation: byte order, as SQLite
-- compares them, so both storages sort alike and read each other's cursors,
-- and a forged cursor key is only an odd string, never a cast that fails.
-- Dates are ISO 8601 UTC with milliseconds, so text order is time order.

CREATE TABLE articles (
  id         text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL
);

CREATE TABLE comments (
  id              text COLLATE "C" PRIMARY KEY,
  article_id      text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- Always a top-level comment: threads are one level deep.
  parent_id       text COLLATE "C" REFERENCES comments (id) ON DELETE CASCADE,
  author          text NOT NULL,
  text            text NOT NULL,
  created_at      text COLLATE "C" NOT NULL,
  -- Distinct clients (readers, where the client is unknown) recommending it,
  -- kept on the row so the `recommended` sort can use an index.
  recommends      integer NOT NULL DEFAULT 0 CHECK (recommends >= 0),
  -- True once enough readers flagged it; kept for moderation, never listed.
  hidden          boolean NOT NULL DEFAULT false,
  -- Of a top-level comment: its replies with hidden = false, whether the
  -- comment itself is hidden or not (restoring it is then free).
  visible_replies integer NOT NULL DEFAULT 0 CHECK (visible_replies >= 0),
  idempotency_key text,
  -- Salted hash of the poster's address, for rate limiting; never the address.
  client_hash     text,
  UNIQUE (article_id, idempotency_key)
);

-- One partial index per sort over the visible top-level comments: `newest`
-- reads the first backwards, `oldest` forwards.
CREATE INDEX comments_by_time ON comments (article_id, created_at, id)
  WHERE parent_id IS NULL AND NOT hidden;
CREATE INDEX comments_by_recommends ON comments (article_id, recommends, created_at, id)
  WHERE parent_id IS NULL AND NOT hidden;
-- A thread's visible replies, oldest first.
CREATE INDEX comments_replies ON comments (parent_id, created_at, id)
  WHERE parent_id IS NOT NULL AND NOT hidden;
-- Deleting a thread finds its replies (ON DELETE CASCADE), hidden ones too.
CREATE INDEX comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
-- Deleting an article finds its comments.
CREATE INDEX comments_article ON comments (article_id);
-- Moderation: the hidden comments.
CREATE INDEX comments_hidden ON comments (created_at) WHERE hidden;
-- Rate limiting: a client's recent posts.
CREATE INDEX comments_by_client ON comments (client_hash, created_at)
  WHERE client_hash IS NOT NULL;

CREATE TABLE recommendations (
  comment_id  text COLLATE "C" NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_id   text NOT NULL,
  client_hash text,
  created_at  text COLLATE "C" NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
);
CREATE INDEX recommendations_by_client ON recommendations (comment_id, client_hash)
  WHERE client_hash IS NOT NULL;
CREATE INDEX recommendations_by_client_time ON recommendations (client_hash, created_at)
  WHERE client_hash IS NOT NULL;

CREATE TABLE flags (
  comment_id  text COLLATE "C" NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_id   text NOT NULL,
  client_hash text,
  created_at  text COLLATE "C" NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
);
CREATE INDEX flags_by_client_time ON flags (client_hash, created_at)
  WHERE client_hash IS NOT NULL;

-- Settings every instance must agree on.
CREATE TABLE meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- The salt of client hashes: random per database, shared by its instances,
-- so they count one client's actions together. gen_random_uuid draws from
-- the server's strong random source.
INSERT INTO meta (key, value) VALUES ('client_salt', replace(gen_random_uuid()::text, '-', ''));
