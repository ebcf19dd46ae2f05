-- Moderation: each comment's status (published, pending review, rejected),
-- why it was held, per-article premoderation, and the moderators' log; as
-- migration 007 of the SQLite storage.
--
-- `hidden` stays what every list, count, index and trigger reads: it is
-- exactly `status <> 'published'`, written together with it.

ALTER TABLE comments ADD COLUMN status text NOT NULL DEFAULT 'published'
  CHECK (status IN ('published', 'pending', 'rejected'));
-- Bumped by every change a moderator may have seen, so a stale decision is refused.
ALTER TABLE comments ADD COLUMN version integer NOT NULL DEFAULT 1;
-- Set while it is an editors' pick.
ALTER TABLE comments ADD COLUMN featured_at text COLLATE "C";
-- Set by a moderator's approval or rejection; cleared when put back for review.
ALTER TABLE comments ADD COLUMN decided_at text COLLATE "C";

-- What readers' flags hid is waiting for a moderator now.
UPDATE comments SET status = 'pending' WHERE hidden;

CREATE TABLE holds (
  comment_id text COLLATE "C" NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reason     text NOT NULL CHECK (reason IN ('premoderation', 'first_time', 'banned_word', 'links', 'reported')),
  detail     text NOT NULL DEFAULT '',
  PRIMARY KEY (comment_id, reason, detail)
);
INSERT INTO holds (comment_id, reason) SELECT id, 'reported' FROM comments WHERE hidden;

-- The queues, newest or oldest first.
CREATE INDEX comments_by_status ON comments (status, created_at, id);

CREATE TABLE article_settings (
  article_id    text COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  premoderation text NOT NULL CHECK (premoderation IN ('none', 'first-time', 'all'))
);

-- Who did what, when: never updated, and it outlives the comments it names.
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            text COLLATE "C" NOT NULL,
  moderator     jsonb NOT NULL,
  action        text NOT NULL,
  -- A decision names its comment and the statuses; a ban its author and until when.
  comment_id    text COLLATE "C",
  user_sub      text COLLATE "C",
  before_status text,
  after_status  text,
  until         text COLLATE "C",
  reason        text
);

-- Authors who may not comment: a signed-in user by (site, sub), or a
-- client by its salted address (`key` is then its hash), until a time or
-- (users only) for good.
CREATE TABLE bans (
  kind       text NOT NULL CHECK (kind IN ('user', 'client')),
  site       text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  until      text COLLATE "C",
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, site, key)
);
