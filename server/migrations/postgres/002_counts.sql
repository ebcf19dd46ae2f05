-- The counts a page shows without counting: the visible comments of each
-- article (`comment_counts.visible`, a page's `total`) and the visible
-- replies of each thread (`comments.visible_replies`). Triggers keep them in
-- the transaction that changes them, so every writer (any instance, the
-- moderation tool, a hand-written UPDATE) keeps them right. Each change
-- adds or takes what it moves, never recounts, so a post costs two row
-- updates however big the article. Hiding and deleting go a row at a time
-- (moderation does one comment at a time); inserting a statement at a time.
--
-- `visible` is exactly the comments of the article with hidden = false,
-- less the replies (hidden = false) of its hidden top-level comments.

CREATE TABLE comment_counts (
  article_id text COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  visible    integer NOT NULL CHECK (visible >= 0)
);

CREATE FUNCTION comment_counts_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO comment_counts (article_id, visible) VALUES (NEW.id, 0) ON CONFLICT (article_id) DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER comment_counts_article AFTER INSERT ON articles
  FOR EACH ROW EXECUTE FUNCTION comment_counts_article();

-- What a comment adds to its article's count: itself and, for a thread,
-- its visible replies, when it is visible; nothing when hidden or in a
-- hidden thread.
CREATE FUNCTION comment_share(c comments) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN c.hidden THEN 0
    WHEN c.parent_id IS NULL THEN 1 + c.visible_replies
    WHEN EXISTS (SELECT 1 FROM comments AS p WHERE p.id = c.parent_id AND p.hidden) THEN 0
    ELSE 1
  END
$$;

-- Posting and seeding: once per statement, over the rows it inserted (a
-- transition table), so a seed of 100,000 comments updates each count once
-- instead of 100,000 times. Each new row counts itself alone: a thread
-- inserted with its replies gets their share from the replies' own rows.
CREATE FUNCTION comment_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE comments AS p SET visible_replies = p.visible_replies + n.replies
    FROM (SELECT parent_id, count(*)::integer AS replies FROM inserted
           WHERE parent_id IS NOT NULL AND NOT hidden GROUP BY parent_id) AS n
   WHERE p.id = n.parent_id;
  UPDATE comment_counts AS c SET visible = c.visible + n.visible
    FROM (SELECT r.article_id, count(*)::integer AS visible FROM inserted AS r
           WHERE NOT r.hidden
             AND (r.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM comments AS p WHERE p.id = r.parent_id AND p.hidden))
           GROUP BY r.article_id) AS n
   WHERE c.article_id = n.article_id;
  RETURN NULL;
END $$;

CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION comment_counts_insert();

-- Hiding or restoring (moderation). A thread moves itself and its visible
-- replies; a reply moves itself, in its thread's count and, when the
-- thread is visible, in the article's. Not fired by updates of
-- `visible_replies` or `recommends`, which it does not watch.
CREATE FUNCTION comment_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.article_id IS DISTINCT FROM NEW.article_id THEN
    RAISE EXCEPTION 'a comment cannot move to another thread or article';
  END IF;
  IF NEW.parent_id IS NOT NULL THEN
    UPDATE comments SET visible_replies = visible_replies + CASE WHEN NEW.hidden THEN -1 ELSE 1 END
     WHERE id = NEW.parent_id;
  END IF;
  UPDATE comment_counts SET visible = visible - comment_share(OLD) + comment_share(NEW)
   WHERE article_id = NEW.article_id;
  RETURN NULL;
END $$;

CREATE TRIGGER comment_counts_update AFTER UPDATE OF hidden, parent_id, article_id ON comments
  FOR EACH ROW WHEN (OLD.hidden IS DISTINCT FROM NEW.hidden OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
                     OR OLD.article_id IS DISTINCT FROM NEW.article_id)
  EXECUTE FUNCTION comment_counts_update();

-- Deleting takes back the comment's share, from the state before it goes.
-- A thread's share holds its replies' too; when ON DELETE CASCADE then
-- deletes them, their thread is gone already and they take back nothing.
CREATE FUNCTION comment_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM comments WHERE id = OLD.parent_id) THEN
    RETURN OLD;
  END IF;
  IF OLD.parent_id IS NOT NULL AND NOT OLD.hidden THEN
    UPDATE comments SET visible_replies = visible_replies - 1 WHERE id = OLD.parent_id;
  END IF;
  UPDATE comment_counts SET visible = visible - comment_share(OLD) WHERE article_id = OLD.article_id;
  RETURN OLD;
END $$;

CREATE TRIGGER comment_counts_delete BEFORE DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION comment_counts_delete();
