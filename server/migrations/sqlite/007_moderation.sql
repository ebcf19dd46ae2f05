-- Moderation: each comment's status (published, pending review, rejected),
-- why it was held, per-article premoderation, and the moderators' log.
--
-- `hidden` stays what every list, count, index and trigger reads: it is
-- exactly `status <> 'published'`, written together with it.

ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('published', 'pending', 'rejected'));
-- Bumped by every change a moderator may have seen, so a stale decision is refused.
ALTER TABLE comments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Set while it is an editors' pick.
ALTER TABLE comments ADD COLUMN featured_at TEXT;
-- Set by a moderator's approval or rejection; cleared when put back for review.
ALTER TABLE comments ADD COLUMN decided_at TEXT;

-- What readers' flags hid is waiting for a moderator now.
UPDATE comments SET status = 'pending' WHERE hidden = 1;

CREATE TABLE holds (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reason     TEXT NOT NULL CHECK (reason IN ('premoderation', 'first_time', 'banned_word', 'links', 'reported')),
  detail     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (comment_id, reason, detail)
) WITHOUT ROWID;
INSERT INTO holds (comment_id, reason) SELECT id, 'reported' FROM comments WHERE hidden = 1;

-- The queues, newest or oldest first.
CREATE INDEX comments_by_status ON comments (status, created_at, id);

CREATE TABLE article_settings (
  article_id    TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  premoderation TEXT NOT NULL CHECK (premoderation IN ('none', 'first-time', 'all'))
) WITHOUT ROWID;

-- Who did what, when: never updated, and it outlives the comments it names.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  moderator     TEXT NOT NULL,
  action        TEXT NOT NULL,
  -- A decision names its comment and the statuses; a ban its author and until when.
  comment_id    TEXT,
  user_sub      TEXT,
  before_status TEXT,
  after_status  TEXT,
  until         TEXT,
  reason        TEXT
);

-- Authors who may not comment: a signed-in user by (site, sub), or a
-- client by its salted address (`key` is then its hash), until a time or
-- (users only) for good.
CREATE TABLE bans (
  kind       TEXT NOT NULL CHECK (kind IN ('user', 'client')),
  site       TEXT NOT NULL,
  key        TEXT NOT NULL,
  until      TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (kind, site, key)
) WITHOUT ROWID;
