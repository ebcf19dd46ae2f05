-- The approved queue: comments a moderator decided and published, newest
-- or oldest first. Read through the index of all comments by status, it
-- walked every published comment to find the few decided ones: at 200,000
-- comments, 26 ms a page and 21 ms for the counts the page polls, against
-- 3 ms and 1.3 ms through this index of those few. As migration 010 of the
-- SQLite storage.
CREATE INDEX comments_decided ON comments (status, created_at, id) WHERE decided_at IS NOT NULL;
