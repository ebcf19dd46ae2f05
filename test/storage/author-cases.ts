/**
 * The cases of signed-in readers and of authors changing their own
 * comments, every storage alike: the account's name on their comments (the
 * newest token's), users kept apart by (site, sub), edit keys for comments
 * posted without signing in, edit and delete within the window, deleted
 * marks and the counts they leave, the events each change makes, a
 * reader's data and its erasure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedArticle } from '../../src/model/article/seed.js';
import type { CommentStorage, SignedInUser } from '../../server/storage/storage.js';
import { ARTICLE, draft, ids, other, throwsCode } from './fixtures.js';
import type { StorageCaseOptions, StorageSubject } from './storage-cases.js';

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;

const ada: SignedInUser = { site: 'news', sub: 'reader-ada', name: 'Ada Lovelace', issuedAt: 1_000 };
const grace: SignedInUser = { site: 'news', sub: 'reader-grace', name: 'Grace Hopper', issuedAt: 1_000 };

/** A proof of being `user`, or of holding `editKey`, with the usual window. */
const as = (user?: SignedInUser, editKey?: string) => ({ user, editKey, windowMs: WINDOW });

export function authorCases(name: string, subject: StorageSubject): void {
  const open = async (options: StorageCaseOptions = {}): Promise<CommentStorage> => {
    const db = await subject.open(await subject.place(), options);
    await db.addArticle(seedArticle);
    await db.addArticle(other);
    return db;
  };
  /** Counts checked against a count made from the comments themselves. */
  const countsAgree = async (db: CommentStorage, place: string) => {
    const raw = await subject.raw(place);
    try {
      assert.equal(await db.count(ARTICLE), await raw.fullCount(ARTICLE));
      assert.deepEqual(await raw.wrongReplyCounts(), []);
    } finally {
      await raw.close();
    }
  };

  describe(name, () => {
    test("a signed-in reader's comments carry their account's name, the newest token's", async () => {
      const db = await open();
      const first = await db.post(ARTICLE, { ...draft('First'), author: 'Anyone at all' }, { client: null, user: ada });
      assert.equal(first.comment.author, 'Ada Lovelace');
      assert.equal(first.comment.signedIn, true);
      assert.equal(first.editKey, undefined, 'a signed-in reader proves themself by token, not key');
      // A blank typed name is fine: the account's is used.
      await db.post(
        ARTICLE,
        { ...draft('Second'), author: '' },
        { client: null, user: { ...ada, name: 'Ada L.', issuedAt: 2_000 } },
      );
      // An older token does not rename.
      const third = await db.post(ARTICLE, draft('Third'), {
        client: null,
        user: { ...ada, name: 'Old Name', issuedAt: 1_500 },
      });
      assert.equal(third.comment.author, 'Ada L.');
      const page = await db.list(ARTICLE, { sort: 'oldest' });
      assert.deepEqual(
        page.threads.map((t) => [t.author, t.signedIn]),
        [
          ['Ada L.', true],
          ['Ada L.', true],
          ['Ada L.', true],
        ],
      );
      await db.close();
    });

    test('users are (site, sub): never merged by name, and apart across sites', async () => {
      const db = await open();
      const mine = (await db.post(ARTICLE, draft('Mine'), { client: null, user: ada })).comment;
      const twin = { ...ada, sub: 'another-ada' };
      const theirs = (await db.post(ARTICLE, draft('Same name'), { client: null, user: twin })).comment;
      const elsewhere = { ...ada, site: 'other-site' };
      const foreign = (await db.post(ARTICLE, draft('Other site'), { client: null, user: elsewhere })).comment;
      const all = [mine.id, theirs.id, foreign.id, 'no-such-comment'];
      assert.deepEqual([...(await db.ownComments(ada, all))], [mine.id]);
      assert.deepEqual([...(await db.ownComments(twin, all))], [theirs.id]);
      assert.deepEqual([...(await db.ownComments(elsewhere, all))], [foreign.id]);
      assert.deepEqual([...(await db.ownComments(grace, all))], []);
      await throwsCode(() => db.edit(ARTICLE, mine.id, 'x', as(twin)), 'not_author');
      await throwsCode(() => db.edit(ARTICLE, mine.id, 'x', as(elsewhere)), 'not_author');
      await db.close();
    });

    test('a comment posted without signing in is changed by its edit key alone', async () => {
      const db = await open();
      const key = draft('Anonymous').idempotencyKey;
      const posted = await db.post(ARTICLE, { ...draft('Anonymous'), idempotencyKey: key });
      assert.match(posted.editKey ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.equal(posted.comment.signedIn, undefined);
      const replay = await db.post(ARTICLE, { ...draft('Anonymous'), idempotencyKey: key });
      assert.equal(replay.editKey, posted.editKey, 'a replay answers the same key');
      const another = await db.post(ARTICLE, draft('Another'));
      assert.notEqual(another.editKey, posted.editKey);
      await throwsCode(() => db.edit(ARTICLE, posted.comment.id, 'x', as()), 'not_author');
      await throwsCode(() => db.edit(ARTICLE, posted.comment.id, 'x', as(undefined, another.editKey)), 'not_author');
      await throwsCode(() => db.edit(ARTICLE, posted.comment.id, 'x', as(ada)), 'not_author');
      await throwsCode(
        () => db.edit(ARTICLE, posted.comment.id, 'x', as(undefined, `${posted.editKey}x`)),
        'not_author',
      );
      const edited = await db.edit(ARTICLE, posted.comment.id, 'Fixed a typo', as(undefined, posted.editKey));
      assert.equal(edited.text, 'Fixed a typo');
      await db.close();
    });

    test('edits within the window only, by the author only, under the rules of posting', async () => {
      let now = Date.UTC(2025, 0, 1);
      const db = await open({ now: () => now });
      const comment = (await db.post(ARTICLE, draft('Teh original'), { client: null, user: ada })).comment;
      await throwsCode(() => db.edit(ARTICLE, comment.id, 'x', as(grace)), 'not_author');
      await throwsCode(() => db.edit(ARTICLE, comment.id, ' \u200B ', as(ada)), 'validation_failed', 'text');
      await throwsCode(() => db.edit(ARTICLE, 'no-such-comment', 'x', as(ada)), 'comment_not_found');
      await throwsCode(() => db.edit(other.id, comment.id, 'x', as(ada)), 'comment_not_found');
      await throwsCode(() => db.edit('no-such-article', comment.id, 'x', as(ada)), 'article_not_found');
      now += WINDOW;
      const edited = await db.edit(ARTICLE, comment.id, 'The original', as(ada));
      assert.deepEqual(
        { text: edited.text, edited: edited.edited, author: edited.author, createdAt: edited.createdAt },
        { text: 'The original', edited: true, author: 'Ada Lovelace', createdAt: comment.createdAt },
      );
      const listed = (await db.list(ARTICLE)).threads[0]!;
      assert.equal(listed.text, 'The original');
      assert.equal(listed.edited, true);
      now += 1;
      await throwsCode(() => db.edit(ARTICLE, comment.id, 'Too late', as(ada)), 'edit_window_closed');
      await throwsCode(() => db.deleteOwn(ARTICLE, comment.id, as(ada)), 'edit_window_closed');
      assert.equal((await db.list(ARTICLE)).threads[0]!.text, 'The original');
      await db.close();
    });

    test('deletes a comment without replies outright, and leaves a mark for one with replies', async () => {
      let now = Date.UTC(2025, 0, 1);
      const place = await subject.place();
      const db = await subject.open(place, { now: () => now++ });
      await db.addArticle(seedArticle);
      const lone = (await db.post(ARTICLE, draft('Lone'), { client: null, user: ada })).comment;
      const thread = (await db.post(ARTICLE, draft('Thread'), { client: null, user: ada })).comment;
      const reply = await db.post(ARTICLE, draft('Reply', { parentId: thread.id }));
      assert.equal(await db.count(ARTICLE), 3);

      await throwsCode(() => db.deleteOwn(ARTICLE, lone.id, as(grace)), 'not_author');
      assert.deepEqual(await db.deleteOwn(ARTICLE, lone.id, as(ada)), { deleted: true, kept: false });
      await throwsCode(() => db.deleteOwn(ARTICLE, lone.id, as(ada)), 'comment_not_found');
      assert.deepEqual(await db.deleteOwn(ARTICLE, thread.id, as(ada)), { deleted: true, kept: true });
      await throwsCode(() => db.edit(ARTICLE, thread.id, 'back', as(ada)), 'comment_not_found');

      const page = await db.list(ARTICLE);
      assert.deepEqual(ids(page), [thread.id]);
      const mark = page.threads[0]!;
      assert.deepEqual(
        {
          author: mark.author,
          text: mark.text,
          deleted: mark.deleted,
          signedIn: mark.signedIn,
          replyCount: mark.replyCount,
        },
        { author: '', text: '', deleted: true, signedIn: undefined, replyCount: 1 },
      );
      assert.deepEqual(
        mark.replies.map((r) => r.text),
        ['Reply'],
      );
      assert.equal(page.total, 1, 'a mark is no comment; its reply still is');
      assert.equal(await db.count(ARTICLE), 1);
      await countsAgree(db, place);
      await throwsCode(() => db.post(ARTICLE, draft('x', { parentId: thread.id })), 'validation_failed', 'parentId');
      await throwsCode(
        () => db.post(ARTICLE, draft('x', { parentId: reply.comment.id })),
        'validation_failed',
        'parentId',
      );

      // The last reply gone, the mark has nothing left to hold.
      await db.deleteOwn(ARTICLE, reply.comment.id, as(undefined, reply.editKey));
      assert.deepEqual(ids(await db.list(ARTICLE)), []);
      assert.equal(await db.count(ARTICLE), 0);
      await countsAgree(db, place);
      await db.close();
    });

    test('a mark whose replies are all hidden is shown no more, until one is shown again', async () => {
      const db = await open({ flagThreshold: 1 });
      const thread = (await db.post(ARTICLE, draft('Thread'), { client: null, user: ada })).comment;
      const reply = (await db.post(ARTICLE, draft('Reply', { parentId: thread.id }))).comment;
      await db.deleteOwn(ARTICLE, thread.id, as(ada));
      assert.deepEqual(ids(await db.list(ARTICLE)), [thread.id]);
      await db.flag(ARTICLE, reply.id, 'reader-1');
      assert.deepEqual(ids(await db.list(ARTICLE)), [], 'nothing left to hold');
      assert.deepEqual(ids(await db.list(ARTICLE, { sort: 'recommended' })), []);
      await db.restore(reply.id);
      assert.deepEqual(ids(await db.list(ARTICLE)), [thread.id]);
      await db.close();
    });

    test('edits and deletions count against the client’s actions with its recommends and flags; a refused one counts nothing', async () => {
      const db = await open();
      const client = { client: 'client-editing', rate: { limit: 3, windowMs: MINUTE } };
      const posted = await db.post(ARTICLE, draft('Mine'), { client: 'client-editing' });
      const other = await db.post(ARTICLE, draft('Theirs'));
      const mine = as(undefined, posted.editKey);
      await throwsCode(() => db.edit(ARTICLE, posted.comment.id, 'x', as(undefined, 'forged'), client), 'not_author');
      await db.edit(ARTICLE, posted.comment.id, 'One', mine, client);
      await db.recommend(ARTICLE, other.comment.id, 'reader-1', client);
      await db.edit(ARTICLE, posted.comment.id, 'Two', mine, client);
      await throwsCode(() => db.edit(ARTICLE, posted.comment.id, 'Three', mine, client), 'rate_limited');
      await throwsCode(() => db.deleteOwn(ARTICLE, posted.comment.id, mine, client), 'rate_limited');
      await throwsCode(() => db.flag(ARTICLE, other.comment.id, 'reader-2', client), 'rate_limited');
      // Another client, or none known, is held to nothing of this one's.
      await db.edit(ARTICLE, posted.comment.id, 'Four', mine, { ...client, client: 'client-other' });
      assert.deepEqual(await db.deleteOwn(ARTICLE, posted.comment.id, mine, { ...client, client: null }), {
        deleted: true,
        kept: false,
      });
      await db.close();
    });

    test('every change is an event: published, edited, deleted, in commit order', async () => {
      const db = await open();
      const start = await db.latestSeq(ARTICLE);
      const kept = await db.post(ARTICLE, draft('Kept'), { client: null, user: ada });
      const gone = await db.post(ARTICLE, draft('Gone'));
      await db.edit(ARTICLE, kept.comment.id, 'Kept, edited', as(ada));
      await db.deleteOwn(ARTICLE, gone.comment.id, as(undefined, gone.editKey));
      const events = await db.events(ARTICLE, start, 10);
      assert.deepEqual(
        events.map((e) => [e.kind, e.comment.id, e.comment.text]),
        [
          ['published', kept.comment.id, 'Kept, edited'],
          ['edited', kept.comment.id, 'Kept, edited'],
          ['deleted', gone.comment.id, ''],
        ],
        "a deleted comment's earlier events are left out, its deletion is not",
      );
      const deleted = events[2]!.comment;
      assert.deepEqual(
        { deleted: deleted.deleted, parentId: deleted.parentId, createdAt: deleted.createdAt, author: deleted.author },
        { deleted: true, parentId: null, createdAt: gone.comment.createdAt, author: '' },
      );
      assert.ok(events.every((e, i) => i === 0 || e.seq > events[i - 1]!.seq));
      assert.deepEqual(await db.events(other.id, 0, 10), []);
      await db.close();
    });

    test('hiding a comment takes it away from live readers, and showing it again publishes it anew', async () => {
      const db = await open({ flagThreshold: 1 });
      const thread = await db.post(ARTICLE, draft('Soon hidden'));
      await db.post(ARTICLE, draft('Its reply', { parentId: thread.comment.id }));
      const start = await db.latestSeq(ARTICLE);
      await db.flag(ARTICLE, thread.comment.id, 'reader-1');
      const [removed] = await db.events(ARTICLE, start, 10);
      assert.deepEqual(
        [removed?.kind, removed?.comment.id, removed?.comment.deleted, removed?.comment.text],
        ['removed', thread.comment.id, true, ''],
      );
      const hiddenAt = await db.latestSeq(ARTICLE);
      await db.restore(thread.comment.id);
      const shown = await db.events(ARTICLE, hiddenAt, 10);
      assert.deepEqual(
        shown.map((e) => [e.kind, e.comment.id, e.comment.text]),
        [['published', thread.comment.id, 'Soon hidden']],
      );
      await db.close();
    });

    test("a reader's data, then their erasure: words gone, marks kept where others replied", async () => {
      let now = Date.UTC(2025, 0, 1);
      const place = await subject.place();
      const db = await subject.open(place, { now: () => now++ });
      await db.addArticle(seedArticle);
      await db.addArticle(other);
      assert.equal(await db.readerData(ada), null);
      assert.equal(await db.erase(ada), 0);
      const thread = (await db.post(ARTICLE, draft('Thread'), { client: null, user: ada })).comment;
      const answer = (await db.post(ARTICLE, draft('Answer', { parentId: thread.id }), { client: null, user: grace }))
        .comment;
      const own = (await db.post(ARTICLE, draft('Own reply', { parentId: thread.id }), { client: null, user: ada }))
        .comment;
      const far = (
        await db.post(other.id, draft('Elsewhere'), {
          client: null,
          user: { ...ada, avatar: 'https://img.example/ada.png', issuedAt: 2_000 },
        })
      ).comment;

      const data = await db.readerData(ada);
      const { since, ...user } = data!.user!;
      assert.deepEqual(user, { sub: ada.sub, name: ada.name, avatar: 'https://img.example/ada.png' });
      assert.ok(Date.parse(since) >= Date.parse(thread.createdAt) && Date.parse(since) < Date.parse(answer.createdAt));
      assert.deepEqual(
        data?.comments.map((c) => [c.articleId, c.id, c.text]),
        [
          [other.id, far.id, 'Elsewhere'],
          [ARTICLE, own.id, 'Own reply'],
          [ARTICLE, thread.id, 'Thread'],
        ],
      );

      assert.equal(await db.erase(ada), 3);
      assert.equal(await db.readerData(ada), null);
      assert.deepEqual([...(await db.ownComments(ada, [thread.id, own.id, far.id]))], []);
      const page = await db.list(ARTICLE);
      assert.deepEqual(ids(page), [thread.id]);
      assert.equal(page.threads[0]!.deleted, true);
      assert.deepEqual(
        page.threads[0]!.replies.map((r) => r.id),
        [answer.id],
        "another reader's reply stays",
      );
      assert.equal(await db.count(other.id), 0);
      await countsAgree(db, place);
      assert.notEqual(await db.readerData(grace), null);
      await db.close();
    });
  });
}
