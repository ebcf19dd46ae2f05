/**
 * The cases of moderation, every storage alike: comments held at posting
 * (premoderation, first-time authors, what the text holds them for) and
 * kept out of everyone's sight, readers' flags putting a comment in the
 * reported queue, the queues with their reasons, pages and counts,
 * decisions refused when stale (409), editors' picks, and the audit log.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedArticle } from '../../src/model/article/seed.js';
import type { Moderator } from '../../src/model/comments/moderation.js';
import { ConflictError } from '../../server/errors.js';
import type { CommentStorage, SignedInUser } from '../../server/storage/storage.js';
import { ARTICLE, draft, ids, other, throwsCode } from './fixtures.js';
import type { StorageCaseOptions, StorageSubject } from './storage-cases.js';

const ada: SignedInUser = { site: 'news', sub: 'reader-ada', name: 'Ada Lovelace', issuedAt: 1_000 };
const mod: Moderator = { kind: 'user', sub: 'mod-1', name: 'Moderator One' };
const all = { premoderation: 'all', holds: [] } as const;
const firstTime = { premoderation: 'first-time', holds: [] } as const;

export function reviewCases(name: string, subject: StorageSubject): void {
  const open = async (options: StorageCaseOptions = {}): Promise<CommentStorage> => {
    let now = Date.UTC(2025, 0, 1);
    const db = await subject.open(await subject.place(), { now: () => now++, ...options });
    await db.addArticle(seedArticle);
    await db.addArticle(other);
    return db;
  };
  const queueIds = async (db: CommentStorage, queue: 'pending' | 'reported' | 'approved' | 'rejected') =>
    (await db.queue({ queue })).comments.map((c) => c.id);

  describe(name, () => {
    test('a held comment is seen by no reader until approved, then published as new', async () => {
      const db = await open();
      const start = await db.latestSeq(ARTICLE);
      const held = await db.post(ARTICLE, draft('Held'), { client: 'client-1' }, all);
      assert.equal(held.comment.status, 'pending');
      assert.deepEqual(held.comment.reasons, [{ code: 'premoderation' }]);
      assert.deepEqual(ids(await db.list(ARTICLE)), []);
      assert.equal(await db.count(ARTICLE), 0);
      assert.deepEqual(await db.events(ARTICLE, start, 10), []);
      await throwsCode(
        () => db.post(ARTICLE, draft('x', { parentId: held.comment.id })),
        'validation_failed',
        'parentId',
      );
      await throwsCode(() => db.recommend(ARTICLE, held.comment.id, 'reader-1'), 'comment_not_found');

      const [queued] = (await db.queue({ queue: 'pending' })).comments;
      assert.deepEqual(
        [
          queued?.id,
          queued?.status,
          queued?.version,
          queued?.reasons,
          queued?.parent,
          queued?.history,
          queued?.userSub,
        ],
        [held.comment.id, 'pending', 1, [{ code: 'premoderation' }], null, { approved: 0, rejected: 0 }, null],
      );
      const approved = await db.decide(held.comment.id, 'approve', { version: 1 }, mod);
      assert.deepEqual([approved.status, approved.version, approved.reasons], ['published', 2, []]);
      assert.deepEqual(ids(await db.list(ARTICLE)), [held.comment.id]);
      assert.equal(await db.count(ARTICLE), 1);
      assert.deepEqual(
        (await db.events(ARTICLE, start, 10)).map((e) => [e.kind, e.comment.id]),
        [['published', held.comment.id]],
      );
      assert.deepEqual(await queueIds(db, 'pending'), []);
      assert.deepEqual(await queueIds(db, 'approved'), [held.comment.id]);
      // The author's record counts it for their next comments' moderators.
      const next = await db.post(ARTICLE, draft('Next'), { client: 'client-1' }, all);
      const [nextQueued] = (await db.queue({ queue: 'pending' })).comments;
      assert.equal(nextQueued?.id, next.comment.id);
      assert.deepEqual(nextQueued?.history, { approved: 1, rejected: 0 });
      await db.close();
    });

    test('an author not signed in finds their held comments by their edit keys, and by nothing else', async () => {
      const db = await open();
      const first = await db.post(ARTICLE, draft('First held'), { client: 'client-1' }, all);
      const second = await db.post(ARTICLE, draft('Second held'), { client: 'client-1' }, all);
      const signedIn = await db.post(ARTICLE, draft('Ada’s'), { client: null, user: ada }, all);
      const keys = new Map([
        [first.comment.id, first.editKey!],
        [second.comment.id, second.editKey!],
      ]);
      assert.deepEqual(
        (await db.heldFor({ editKeys: keys }, ARTICLE)).map((c) => [c.id, c.status, c.reasons]),
        [
          [second.comment.id, 'pending', [{ code: 'premoderation' }]],
          [first.comment.id, 'pending', [{ code: 'premoderation' }]],
        ],
      );
      // A key of another comment, a signed-in author's comment, another article: nothing.
      const forged = new Map([
        [first.comment.id, second.editKey!],
        [signedIn.comment.id, first.editKey!],
      ]);
      assert.deepEqual(await db.heldFor({ editKeys: forged }, ARTICLE), []);
      assert.deepEqual(await db.heldFor({ editKeys: keys }, other.id), []);
      // Both at once: the account's and the keys'.
      assert.deepEqual(
        (await db.heldFor({ user: ada, editKeys: new Map([[first.comment.id, first.editKey!]]) }, ARTICLE)).map(
          (c) => c.id,
        ),
        [signedIn.comment.id, first.comment.id],
      );
      // Decided or deleted, it is held no more.
      await db.decide(first.comment.id, 'approve', {}, mod);
      await db.decide(second.comment.id, 'reject', {}, mod);
      assert.deepEqual(await db.heldFor({ editKeys: keys }, ARTICLE), []);
      await db.close();
    });

    test('editors’ picks lead the first page in every sort, the latest pick first, and only the first', async () => {
      const db = await open();
      const posted = [];
      for (let i = 0; i < 8; i++) posted.push((await db.post(ARTICLE, draft(`Comment ${i}`))).comment);
      const reply = (await db.post(ARTICLE, draft('A reply', { parentId: posted[1]!.id }))).comment;
      await db.decide(posted[1]!.id, 'feature', {}, mod);
      await db.decide(posted[5]!.id, 'feature', {}, mod);
      await db.decide(reply.id, 'feature', {}, mod);
      for (const sort of ['newest', 'oldest', 'recommended'] as const) {
        const page = await db.list(ARTICLE, { sort, limit: 3 });
        assert.deepEqual(ids(page).slice(0, 2), [posted[5]!.id, posted[1]!.id], sort);
        assert.equal(new Set(ids(page)).size, ids(page).length, `${sort}: each thread once`);
        assert.deepEqual(
          page.threads[1]?.replies.map((r) => [r.id, r.featured]),
          [[reply.id, true]],
        );
      }
      const newest = await db.list(ARTICLE, { limit: 3 });
      // The sort's page goes on without the pick it held, and the next page from where it stopped.
      assert.deepEqual(ids(newest).slice(2), [posted[7]!.id, posted[6]!.id]);
      const next = await db.list(ARTICLE, { limit: 3, cursor: newest.nextCursor! });
      assert.deepEqual(ids(next), [posted[4]!.id, posted[3]!.id, posted[2]!.id], 'a later page: no picks first');
      const around = await db.list(ARTICLE, { limit: 3, around: posted[0]!.id });
      assert.deepEqual(ids(around), [posted[0]!.id]);
      // A pick hidden or unpicked leads no more.
      await db.decide(posted[5]!.id, 'reject', {}, mod);
      await db.decide(posted[1]!.id, 'unfeature', {}, mod);
      assert.deepEqual(ids(await db.list(ARTICLE, { limit: 2 })), [posted[7]!.id, posted[6]!.id]);
      await db.close();
    });

    test('first-time: held until one of the author’s comments is approved; anonymous ones always; an article’s own setting wins', async () => {
      const db = await open();
      const first = await db.post(ARTICLE, draft('First'), { client: null, user: ada }, firstTime);
      assert.deepEqual(first.comment.reasons, [{ code: 'first_time' }]);
      const second = await db.post(ARTICLE, draft('Second'), { client: null, user: ada }, firstTime);
      assert.equal(second.comment.status, 'pending', 'still nothing approved');
      assert.deepEqual(
        (await db.heldFor({ user: ada }, ARTICLE)).map((c) => [c.id, c.status, c.reasons]),
        [
          [second.comment.id, 'pending', [{ code: 'first_time' }]],
          [first.comment.id, 'pending', [{ code: 'first_time' }]],
        ],
      );
      assert.deepEqual(await db.heldFor({ user: { ...ada, sub: 'someone-else' } }, ARTICLE), []);
      await db.decide(first.comment.id, 'approve', {}, mod);
      assert.deepEqual(
        (await db.heldFor({ user: ada }, ARTICLE)).map((c) => c.id),
        [second.comment.id],
      );
      const third = await db.post(ARTICLE, draft('Third'), { client: null, user: ada }, firstTime);
      assert.equal(third.comment.status, undefined, 'published: no status for everyone');
      const anonymous = await db.post(ARTICLE, draft('Anonymous'), { client: null }, firstTime);
      assert.equal(anonymous.comment.status, 'pending');

      await db.setPremoderation(other.id, 'all');
      assert.equal(
        (await db.post(other.id, draft('Elsewhere'), { client: null, user: ada }, firstTime)).comment.status,
        'pending',
      );
      await db.setPremoderation(ARTICLE, 'none');
      assert.equal((await db.post(ARTICLE, draft('Open'), { client: null }, firstTime)).comment.status, undefined);
      await db.setPremoderation(ARTICLE, null);
      assert.equal(
        (await db.post(ARTICLE, draft('Server again'), { client: null }, firstTime)).comment.status,
        'pending',
      );
      await throwsCode(() => db.setPremoderation('no-such-article', 'all'), 'article_not_found');
      await db.close();
    });

    test('what the text holds a comment for is kept with it, and a replay answers the same', async () => {
      const db = await open();
      const input = draft('Buy now');
      const screening = { premoderation: 'none', holds: [{ code: 'banned_word', detail: 'buy now' }] } as const;
      const held = await db.post(ARTICLE, input, { client: null }, screening);
      assert.deepEqual(held.comment.reasons, [{ code: 'banned_word', detail: 'buy now' }]);
      const replay = await db.post(ARTICLE, input, { client: null }, screening);
      assert.deepEqual(
        [replay.created, replay.comment.status, replay.comment.reasons],
        [false, 'pending', held.comment.reasons],
      );
      await db.close();
    });

    test("readers' flags put a comment in the reported queue; approving it answers them", async () => {
      const db = await open({ flagThreshold: 2 });
      const comment = (await db.post(ARTICLE, draft('Contested'))).comment;
      await db.flag(ARTICLE, comment.id, 'reader-1', { client: 'a' });
      const [flagged] = (await db.queue({ queue: 'reported' })).comments;
      assert.deepEqual(
        [flagged?.id, flagged?.status, flagged?.flags],
        [comment.id, 'published', 1],
        'still published, but reported',
      );
      await db.flag(ARTICLE, comment.id, 'reader-2', { client: 'b' });
      const [hidden] = (await db.queue({ queue: 'reported' })).comments;
      assert.deepEqual([hidden?.status, hidden?.reasons, hidden?.flags], ['pending', [{ code: 'reported' }], 2]);
      assert.deepEqual(await queueIds(db, 'pending'), [], 'the reported queue holds it, not the pending one');
      assert.deepEqual(ids(await db.list(ARTICLE)), []);
      assert.deepEqual(await db.queueCounts(), { pending: 0, reported: 1, approved: 0, rejected: 0 });
      await db.decide(comment.id, 'approve', { version: hidden!.version }, mod);
      assert.deepEqual(await queueIds(db, 'reported'), []);
      assert.deepEqual(ids(await db.list(ARTICLE)), [comment.id]);
      await db.close();
    });

    test('a stale decision is refused with the comment as it is now; reject, restore and picks', async () => {
      const db = await open();
      const comment = (await db.post(ARTICLE, draft('Disputed'), { client: null }, all)).comment;
      await db.decide(comment.id, 'reject', { version: 1, reason: 'off topic' }, mod);
      await assert.rejects(
        () => db.decide(comment.id, 'approve', { version: 1 }, { kind: 'admin' }),
        (error: unknown) => {
          assert.ok(error instanceof ConflictError);
          assert.deepEqual(error.current, { status: 'rejected', version: 2 });
          return true;
        },
      );
      assert.deepEqual(await queueIds(db, 'rejected'), [comment.id]);
      await throwsCode(() => db.decide(comment.id, 'feature', {}, mod), 'validation_failed', 'featured');
      const restored = await db.decide(comment.id, 'restore', { version: 2 }, mod);
      assert.deepEqual([restored.status, restored.version], ['pending', 3]);
      assert.deepEqual(await queueIds(db, 'pending'), [comment.id]);
      await db.decide(comment.id, 'approve', {}, mod);
      const picked = await db.decide(comment.id, 'feature', {}, mod);
      assert.equal(picked.featured, true);
      assert.equal((await db.list(ARTICLE)).threads[0]?.featured, true);
      await db.decide(comment.id, 'unfeature', {}, mod);
      assert.equal((await db.list(ARTICLE)).threads[0]?.featured, undefined);
      await throwsCode(() => db.decide('no-such-comment', 'approve', {}, mod), 'comment_not_found');
      await throwsCode(
        () => db.decide(comment.id, 'approve', { reason: 'x'.repeat(501) }, mod),
        'validation_failed',
        'reason',
      );

      const log = await db.auditLog({ limit: 2 });
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.before, e.after]),
        [
          ['unfeature', 'published', 'published'],
          ['feature', 'published', 'published'],
        ],
      );
      const rest = await db.auditLog({ cursor: log.nextCursor! });
      assert.deepEqual(
        rest.entries.map((e) => [e.action, e.moderator, e.reason]),
        [
          ['approve', mod, null],
          ['restore', mod, null],
          ['reject', mod, 'off topic'],
        ],
      );
      assert.equal(rest.nextCursor, null);
      await throwsCode(() => db.auditLog({ cursor: 'garbage' }), 'validation_failed', 'cursor');
      await db.close();
    });

    test('a banned author may not post: an account for good or for days, an address for days only; each ban logged', async () => {
      const db = await open();
      const signedIn = { client: 'client-ada', user: ada };
      const byAda = (await db.post(ARTICLE, draft('Ada speaks'), signedIn)).comment;
      const forGood = await db.ban({ authorOf: byAda.id }, { reason: 'abuse' }, mod);
      assert.deepEqual(forGood, { banned: true, target: { kind: 'user', sub: ada.sub }, until: null });
      await throwsCode(() => db.post(ARTICLE, draft('Again'), signedIn), 'banned');
      // Another account on the same address is not banned by it.
      await db.post(ARTICLE, draft('Someone else'), { client: 'client-ada', user: { ...ada, sub: 'other' } });
      const lifted = await db.unban(ada, {}, mod);
      assert.deepEqual(lifted, { banned: false, target: { kind: 'user', sub: ada.sub }, until: null });
      await db.post(ARTICLE, draft('Back'), signedIn);
      const forDays = await db.ban({ user: { site: ada.site, sub: 'never-seen' } }, { days: 3 }, mod);
      assert.equal(Date.parse(forDays.until!) - Date.parse('2025-01-01T00:00:00.000Z') > 3 * 86_400_000 - 60_000, true);
      await throwsCode(
        () => db.post(ARTICLE, draft('x'), { client: null, user: { ...ada, sub: 'never-seen' } }),
        'banned',
      );

      const anonymous = (await db.post(ARTICLE, draft('Anonymous'), { client: 'client-x' })).comment;
      await throwsCode(() => db.ban({ authorOf: anonymous.id }, {}, mod), 'validation_failed', 'days');
      await throwsCode(() => db.ban({ authorOf: anonymous.id }, { days: 366 }, mod), 'validation_failed', 'days');
      const address = await db.ban({ authorOf: anonymous.id }, { days: 7 }, mod);
      assert.deepEqual(address.target, { kind: 'client' });
      await throwsCode(() => db.post(ARTICLE, draft('Again'), { client: 'client-x' }), 'banned');
      await db.post(ARTICLE, draft('Another address'), { client: 'client-y' });
      await throwsCode(() => db.ban({ authorOf: 'no-such-comment' }, { days: 1 }, mod), 'comment_not_found');

      const log = await db.auditLog();
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.userSub, e.commentId]),
        [
          ['ban', null, anonymous.id],
          ['ban', 'never-seen', null],
          ['unban', ada.sub, null],
          ['ban', ada.sub, byAda.id],
        ],
      );
      assert.equal(log.entries[3]!.reason, 'abuse');
      await db.close();
    });

    test('the accounts banned now, the newest ban first, by keyset: named when known, none lifted or lapsed, no address', async () => {
      let now = Date.UTC(2025, 0, 1);
      const db = await subject.open(await subject.place(), { now: () => now });
      await db.addArticle(seedArticle);
      const byAda = (await db.post(ARTICLE, draft('Ada speaks'), { client: 'client-ada', user: ada })).comment;
      const anonymous = (await db.post(ARTICLE, draft('Anonymous'), { client: 'client-x' })).comment;
      await db.ban({ authorOf: byAda.id }, {}, mod);
      now += 1000;
      await db.ban({ user: { site: ada.site, sub: 'never-seen' } }, { days: 1 }, mod);
      now += 1000;
      await db.ban({ user: { site: ada.site, sub: 'lifted' } }, { days: 1 }, mod);
      await db.ban({ user: { site: 'another-site', sub: 'elsewhere' } }, {}, mod);
      await db.ban({ authorOf: anonymous.id }, { days: 7 }, mod);
      await db.unban({ site: ada.site, sub: 'lifted' }, {}, mod);

      const first = await db.bannedAccounts(ada.site, { limit: 1 });
      assert.deepEqual(first.bans, [
        { sub: 'never-seen', name: null, since: '2025-01-01T00:00:01.000Z', until: '2025-01-02T00:00:01.000Z' },
      ]);
      const rest = await db.bannedAccounts(ada.site, { cursor: first.nextCursor! });
      assert.deepEqual(rest, {
        bans: [{ sub: ada.sub, name: ada.name, since: '2025-01-01T00:00:00.000Z', until: null }],
        nextCursor: null,
      });
      // A day on, the ban for a day has lapsed.
      now += 86_400_000;
      assert.deepEqual(
        (await db.bannedAccounts(ada.site)).bans.map((ban) => ban.sub),
        [ada.sub],
      );
      await throwsCode(() => db.bannedAccounts(ada.site, { cursor: 'not-a-cursor' }), 'validation_failed', 'cursor');
      await db.close();
    });

    test('a comment seeded hidden waits in the pending queue, as one hidden by flags does', async () => {
      const db = await open();
      const [shown, hidden] = await db.insertMany(ARTICLE, [
        { author: 'Seed', text: 'Shown when seeded' },
        { author: 'Seed', text: 'Hidden when seeded', hidden: true },
      ]);
      assert.deepEqual(await queueIds(db, 'pending'), [hidden!.id]);
      assert.deepEqual(ids(await db.list(ARTICLE)), [shown!.id]);
      assert.deepEqual(await db.queueCounts(), { pending: 1, reported: 0, approved: 0, rejected: 0 });
      await db.close();
    });

    test('queues page by keyset, either way, filtered by article, and refuse a cursor of another queue', async () => {
      const db = await open();
      const posted: string[] = [];
      for (let i = 0; i < 5; i++)
        posted.push((await db.post(ARTICLE, draft(`Held ${i}`), { client: null }, all)).comment.id);
      const elsewhere = (await db.post(other.id, draft('Elsewhere'), { client: null }, all)).comment.id;
      const first = await db.queue({ queue: 'pending', article: ARTICLE, limit: 2 });
      const second = await db.queue({ queue: 'pending', article: ARTICLE, limit: 2, cursor: first.nextCursor! });
      const third = await db.queue({ queue: 'pending', article: ARTICLE, limit: 2, cursor: second.nextCursor! });
      assert.deepEqual(
        [...first.comments, ...second.comments, ...third.comments].map((c) => c.id),
        [...posted].reverse(),
      );
      assert.equal(third.nextCursor, null);
      const oldest = await db.queue({ queue: 'pending', order: 'oldest' });
      assert.deepEqual(
        oldest.comments.map((c) => c.id),
        [...posted, elsewhere],
      );
      await throwsCode(
        () => db.queue({ queue: 'rejected', article: ARTICLE, cursor: first.nextCursor! }),
        'validation_failed',
        'cursor',
      );
      await throwsCode(() => db.queue({ queue: 'pending', cursor: first.nextCursor! }), 'validation_failed', 'cursor');
      assert.deepEqual(await db.queueCounts(ARTICLE), { pending: 5, reported: 0, approved: 0, rejected: 0 });
      assert.deepEqual(await db.queueCounts(), { pending: 6, reported: 0, approved: 0, rejected: 0 });
      await db.close();
    });
  });
}
