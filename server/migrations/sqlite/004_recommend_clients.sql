-- One recommendation per client, not only per reader id. Reader ids are
-- chosen by the browser, so one script inventing ids could push any comment
-- to the top of "most recommended". Each recommendation now records the
-- salted hash of the client's address (as flags do), and `comments.recommends`
-- counts distinct clients: a reader id a client already recommended with is
-- kept (it stays recommended for that reader) but not counted again.
--
-- `recommends` of a comment is now exactly:
--     count of distinct coalesce(client_hash, reader_id) in its recommendations
-- which is the old rule for the rows stored before this migration, whose
-- client is unknown.

ALTER TABLE recommendations ADD COLUMN client_hash TEXT;

CREATE INDEX recommendations_by_client ON recommendations (comment_id, client_hash)
  WHERE client_hash IS NOT NULL;

-- Rate limiting recommends and flags: a client's recent ones.
CREATE INDEX recommendations_by_client_time ON recommendations (client_hash, created_at)
  WHERE client_hash IS NOT NULL;
CREATE INDEX flags_by_client_time ON flags (client_hash, created_at)
  WHERE client_hash IS NOT NULL;
