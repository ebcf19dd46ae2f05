-- The visible comments of each article, kept by triggers in the transaction
-- that changes them, so a page's `total` is one row read instead of a count
-- over the article's comments (3.5 ms at 100,000 comments). Triggers, not
-- application code, keep it: every writer of the file (another process, an
-- older server, the moderation CLI) keeps it right.
--
-- `visible` is what this query gives, exactly:
--     (comments of the article with hidden = 0)
--   - (replies with hidden = 0 whose parent is a hidden top-level comment of the article)
-- i.e. visible comments, less the replies of hidden threads.

CREATE TABLE comment_counts (
  article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  visible    INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO comment_counts (article_id, visible)
SELECT a.id,
       (SELECT count(*) FROM comments WHERE article_id = a.id AND hidden = 0)
     - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
         WHERE p.article_id = a.id AND p.hidden = 1 AND p.parent_id IS NULL AND r.hidden = 0)
  FROM articles AS a;

CREATE TRIGGER comment_counts_article AFTER INSERT ON articles
BEGIN
  INSERT INTO comment_counts (article_id, visible) VALUES (NEW.id, 0)
    ON CONFLICT (article_id) DO NOTHING;
END;

-- Posting, the common case, adds one: the comment itself, unless it is a
-- reply in a hidden thread.
CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments WHEN NEW.hidden = 0
BEGIN
  UPDATE comment_counts SET visible = visible + 1 WHERE article_id = NEW.article_id;
  UPDATE comment_counts SET visible = visible - 1
   WHERE article_id = (SELECT article_id FROM comments
                        WHERE id = NEW.parent_id AND hidden = 1 AND parent_id IS NULL);
END;

-- Hiding and restoring are rare (moderation) and can change a whole thread:
-- recount the articles involved.
CREATE TRIGGER comment_counts_update AFTER UPDATE OF hidden, parent_id, article_id ON comments
WHEN OLD.hidden IS NOT NEW.hidden OR OLD.parent_id IS NOT NEW.parent_id OR OLD.article_id IS NOT NEW.article_id
BEGIN
  UPDATE comment_counts
     SET visible = (SELECT count(*) FROM comments WHERE article_id = comment_counts.article_id AND hidden = 0)
                 - (SELECT count(*) FROM comments AS p JOIN comments AS r ON r.parent_id = p.id
                     WHERE p.article_id = comment_counts.article_id AND p.hidden = 1
                       AND p.parent_id IS NULL AND r.hidden = 0)
   WHERE article_id IN (OLD.article_id, NEW.article_id);
END;

-- Deleting takes back what the row added, from the state before it goes.
-- BEFORE, because SQLite deletes the row and then its replies (ON DELETE
-- CASCADE), each with its own triggers: a reply's trigger then no longer
-- finds the parent, whose trigger already took back the reply's share.
CREATE TRIGGER comment_counts_delete BEFORE DELETE ON comments
BEGIN
  -- The comment itself.
  UPDATE comment_counts SET visible = visible - 1
   WHERE OLD.hidden = 0 AND article_id = OLD.article_id;
  -- A visible reply of a hidden thread was subtracted from its thread's article.
  UPDATE comment_counts SET visible = visible + 1
   WHERE OLD.hidden = 0
     AND article_id = (SELECT article_id FROM comments
                        WHERE id = OLD.parent_id AND hidden = 1 AND parent_id IS NULL);
  -- A hidden thread had its visible replies subtracted.
  UPDATE comment_counts
     SET visible = visible + (SELECT count(*) FROM comments WHERE parent_id = OLD.id AND hidden = 0)
   WHERE OLD.hidden = 1 AND OLD.parent_id IS NULL AND article_id = OLD.article_id;
END;
