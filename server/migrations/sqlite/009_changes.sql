-- Authors' edits and deletions, by client, for the rate limit they share
-- with recommends and flags: each reaches every live reader, so no client
-- may make them without end. A client's rows past the window are pruned as
-- it makes new ones.
CREATE TABLE changes (
  client_hash TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX changes_by_client_time ON changes (client_hash, created_at);
