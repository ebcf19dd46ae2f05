-- Editors' picks lead an article's first page: found through an index of
-- their own, which holds the few comments picked and nothing else, so the
-- first page costs the same at 100,000 comments as at 100; as migration
-- 008 of the SQLite storage.
CREATE INDEX comments_picks ON comments (article_id, featured_at, id)
  WHERE featured_at IS NOT NULL AND parent_id IS NULL;
