/**
 * Moderation over real HTTP: comments held at posting with their reasons
 * (first-time authors, banned words, too many links), the moderators' API
 * refused to everyone but moderators (by token role or admin key), queues,
 * counts, decisions, 409 on a stale one, the log, and the moderation CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { seedArticle } from '../src/model/article/seed.js';
import type { CommentPage, ErrorBody, PostedComment } from '../src/model/comments/contract.js';
import type {
  AuditPage,
  BanPage,
  BanResult,
  ModeratedComment,
  ModerationCounts,
  ModerationPage,
} from '../src/model/comments/moderation.js';
import { writeEditKeys } from '../src/model/comments/edit-keys-header.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer, type RunningServer } from './app.js';
import { readKeySet } from './auth/keys.js';
import { BannedWords } from './moderation/screening.js';

const SITE = 'news-example';
const SECRET = 'a shared secret of well over thirty-two bytes';
const ADMIN_KEY = 'k'.repeat(40);
const keys = await readKeySet(JSON.stringify({ k1: { alg: 'HS256', secret: SECRET } }));

const tokenFor = (sub: string, claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub, name: sub, aud: SITE, ...claims })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

let server: RunningServer;
// Made here, not in `before`: its directory lives as long as this file's tests, which the CLI's run needs.
const dbPath = tempDbPath();
let moderator: string;
let n = 0;

before(async () => {
  server = await startServer({
    dbPath,
    allowedOrigins: '*',
    postsPerMinute: 1000,
    signIn: { keys, site: SITE },
    anonymous: 'allow',
    premoderation: 'first-time',
    bannedWords: BannedWords.parse('buy now'),
    maxLinks: 1,
    adminKey: ADMIN_KEY,
  });
  moderator = await tokenFor('mod-1', { role: 'moderator' });
});
after(() => server.close());

const comments = () => `${server.url}/articles/${seedArticle.id}/comments`;
const post = async (text: string, token?: string): Promise<PostedComment> => {
  const response = await fetch(comments(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ author: 'Reader', text, idempotencyKey: `m-${++n}` }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as PostedComment;
};
const as = (who: { token?: string; adminKey?: string }) => ({
  ...(who.token && { Authorization: `Bearer ${who.token}` }),
  ...(who.adminKey && { 'X-Admin-Key': who.adminKey }),
});
const moderation = (path: string, who: { token?: string; adminKey?: string } = { token: moderator }, body?: unknown) =>
  fetch(`${server.url}/moderation${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...as(who), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function refused(response: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  return body;
}

describe('moderation over HTTP', () => {
  test('a held post answers pending with its reasons, and no reader sees it', async () => {
    const anonymous = await post('Hello');
    assert.deepEqual([anonymous.status, anonymous.reasons], ['pending', [{ code: 'first_time' }]]);
    const reader = await tokenFor('reader-1');
    const words = await post('Ｂｕｙ   NOW: https://a.example and www.b.example', reader);
    assert.deepEqual(words.reasons, [
      { code: 'banned_word', detail: 'buy now' },
      { code: 'first_time' },
      { code: 'links', detail: '2' },
    ]);
    const page = (await (await fetch(`${comments()}?limit=100`)).json()) as CommentPage;
    assert.ok(!page.threads.some((t) => t.id === anonymous.id || t.id === words.id));
    assert.equal(page.held, undefined);
    // Its author, signed in, finds it on every first page until it is decided.
    const theirs = (await (
      await fetch(`${comments()}?limit=100`, { headers: { Authorization: `Bearer ${reader}` } })
    ).json()) as CommentPage;
    assert.deepEqual(
      theirs.held?.map((c) => [c.id, c.status, c.mine]),
      [[words.id, 'pending', true]],
    );
  });

  test('an author not signed in finds their held posts by their edit keys; a malformed header is a 400 naming it', async () => {
    const first = await post('Mine, waiting');
    const second = await post('Also mine, waiting');
    const header = writeEditKeys(
      new Map([
        [first.id, first.editKey!],
        [second.id, second.editKey!],
      ]),
    );
    const page = (await (await fetch(comments(), { headers: { 'X-Edit-Keys': header } })).json()) as CommentPage;
    assert.deepEqual(
      page.held?.map((c) => [c.id, c.status, c.mine, c.reasons]),
      [
        [second.id, 'pending', true, [{ code: 'first_time' }]],
        [first.id, 'pending', true, [{ code: 'first_time' }]],
      ],
    );
    // Another's key opens nothing; later pages carry no held list.
    const forged = writeEditKeys(new Map([[first.id, second.editKey!]]));
    assert.equal(
      ((await (await fetch(comments(), { headers: { 'X-Edit-Keys': forged } })).json()) as CommentPage).held,
      undefined,
    );
    const later = await fetch(`${comments()}?around=${first.id}`, { headers: { 'X-Edit-Keys': header } });
    assert.equal(((await later.json()) as CommentPage).held, undefined);
    for (const bad of ['no pairs', `${first.id}=${first.editKey}=x`, '%E0%A4%A=abc', Array(21).fill('a=b').join(',')]) {
      const body = await refused(
        await fetch(comments(), { headers: { 'X-Edit-Keys': bad } }),
        400,
        'validation_failed',
      );
      assert.equal(body.error.field, 'X-Edit-Keys', bad);
    }
    // A browser on another page may send it: the preflight allows it.
    const preflight = await fetch(comments(), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://news.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-edit-keys',
      },
    });
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Edit-Keys/i);
  });

  test('editors’ picks lead every reader’s first page', async () => {
    const before = (await (await fetch(`${comments()}?sort=oldest&limit=1`)).json()) as CommentPage;
    const reader = await tokenFor('reader-picks');
    const approvedOnce = await post('Approve me first', reader);
    await moderation(`/comments/${approvedOnce.id}/approve`, { adminKey: ADMIN_KEY }, {});
    const published = await post('A comment worth picking', reader);
    assert.equal(published.status, undefined);
    assert.equal((await moderation(`/comments/${published.id}/feature`, { adminKey: ADMIN_KEY }, {})).status, 200);
    for (const sort of ['newest', 'oldest', 'recommended']) {
      const page = (await (await fetch(`${comments()}?sort=${sort}&limit=1`)).json()) as CommentPage;
      assert.deepEqual([page.threads[0]?.id, page.threads[0]?.featured], [published.id, true], sort);
    }
    assert.notEqual(before.threads[0]?.id, published.id);
    const unpicked = await moderation(
      `/comments/${published.id}/feature`,
      { adminKey: ADMIN_KEY },
      { featured: false },
    );
    assert.equal(unpicked.status, 200);
  });

  test('only moderators: by token role or admin key; anyone else 403', async () => {
    await refused(await moderation('/comments', {}), 403, 'not_moderator');
    await refused(await moderation('/comments', { token: await tokenFor('reader-2') }), 403, 'not_moderator');
    await refused(await moderation('/comments', { adminKey: 'k'.repeat(39) }), 403, 'not_moderator');
    await refused(await moderation('/counts', { adminKey: `${ADMIN_KEY}x` }), 403, 'not_moderator');
    await refused(await moderation('/log', { token: await tokenFor('reader-2') }), 403, 'not_moderator');
    // A moderator of another site is no moderator here: the token is refused before its role is read.
    const elsewhere = await tokenFor('mod-elsewhere', { role: 'moderator', aud: 'another-site' });
    await refused(await moderation('/comments', { token: elsewhere }), 401, 'token_wrong_audience');
    await refused(
      await moderation('/comments/any/approve', { token: elsewhere }, { version: 1 }),
      401,
      'token_wrong_audience',
    );
    assert.equal((await moderation('/comments', { adminKey: ADMIN_KEY })).status, 200);
    assert.equal((await moderation('/comments')).status, 200);
    await refused(await moderation('/comments?queue=everything'), 400, 'validation_failed');
  });

  test('a moderator works the queue: approve, a stale decision refused, the log', async () => {
    const reader = await tokenFor('reader-3');
    const held = await post('First words', reader);
    const page = (await (await moderation(`/comments?article=${seedArticle.id}&limit=100`)).json()) as ModerationPage;
    const queued = page.comments.find((c) => c.id === held.id)!;
    assert.deepEqual([queued.status, queued.userSub, queued.version], ['pending', 'reader-3', 1]);
    const counts = (await (await moderation('/counts')).json()) as ModerationCounts;
    assert.ok(counts.pending >= 1);

    const approved = await moderation(`/comments/${held.id}/approve`, { token: moderator }, { version: 1 });
    assert.equal(approved.status, 200);
    assert.equal(((await approved.json()) as ModeratedComment).status, 'published');
    const stale = await refused(
      await moderation(`/comments/${held.id}/reject`, { adminKey: ADMIN_KEY }, { version: 1 }),
      409,
      'conflict',
    );
    assert.deepEqual(stale.error.current, { status: 'published', version: 2 });
    // Approved once, the reader is no longer first-time.
    assert.equal((await post('Second words', reader)).status, undefined);

    await refused(await moderation(`/comments/${held.id}/approve`, undefined, [1]), 422, 'validation_failed');
    const picked = await moderation(`/comments/${held.id}/feature`, { adminKey: ADMIN_KEY }, {});
    assert.equal(((await picked.json()) as ModeratedComment).featured, true);
    const unpicked = await moderation(`/comments/${held.id}/feature`, { adminKey: ADMIN_KEY }, { featured: false });
    assert.equal(((await unpicked.json()) as ModeratedComment).featured, undefined);
    const withoutBody = await fetch(`${server.url}/moderation/comments/${held.id}/restore`, {
      method: 'POST',
      headers: as({ adminKey: ADMIN_KEY }),
    });
    assert.equal(withoutBody.status, 200, 'a script may decide without a body');

    const log = (await (await moderation('/log?limit=4')).json()) as AuditPage;
    assert.deepEqual(
      log.entries.map((e) => [e.action, e.moderator.kind]),
      [
        ['restore', 'admin'],
        ['unfeature', 'admin'],
        ['feature', 'admin'],
        ['approve', 'user'],
      ],
    );
    assert.deepEqual(log.entries[3]!.moderator, { kind: 'user', sub: 'mod-1', name: 'mod-1' });
  });

  test('bans over HTTP: a reader banned by their account cannot post until unbanned', async () => {
    const reader = await tokenFor('reader-ban');
    const comment = await post('Before the ban', reader);
    await refused(
      await moderation(`/comments/${comment.id}/ban-author`, { token: await tokenFor('reader-x') }, {}),
      403,
      'not_moderator',
    );
    const ban = await moderation(
      `/comments/${comment.id}/ban-author`,
      { token: moderator },
      { days: 2, reason: 'spam' },
    );
    assert.deepEqual(((await ban.json()) as BanResult).target, { kind: 'user', sub: 'reader-ban' });
    const refusedPost = await fetch(comments(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${reader}` },
      body: JSON.stringify({ author: '', text: 'After', idempotencyKey: `m-${++n}` }),
    });
    const body = await refused(refusedPost, 403, 'banned');
    assert.match(body.error.message, /until \d{4}-\d\d-\d\dT/);
    const listed = (await (await moderation('/bans')).json()) as BanPage;
    assert.deepEqual(
      listed.bans.filter((b) => b.sub === 'reader-ban').map((b) => [b.name, typeof b.until]),
      [['reader-ban', 'string']],
    );
    await refused(await moderation('/bans', { token: reader }), 403, 'not_moderator');
    await refused(await moderation('/bans?cursor=forged'), 400, 'validation_failed');
    assert.equal((await moderation('/users/reader-ban/unban', { adminKey: ADMIN_KEY }, {})).status, 200);
    const after = (await (await moderation('/bans', { adminKey: ADMIN_KEY })).json()) as BanPage;
    assert.ok(!after.bans.some((b) => b.sub === 'reader-ban'), 'lifted: no longer listed');
    await post('After the ban', reader);
    await refused(
      await moderation('/users/reader-ban/ban', { adminKey: ADMIN_KEY }, { days: 0 }),
      422,
      'validation_failed',
    );
  });

  test('the moderation CLI sets an article’s premoderation, and refuses an unknown article in one line', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/moderate.ts', '--db', dbPath, ...args], {
        cwd: fileURLToPath(new URL('../', import.meta.url)),
        encoding: 'utf8',
      });
    const set = run('premoderate', '--article', seedArticle.id, 'all');
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /premoderation all/);
    const unknown = run('premoderate', '--article', 'no-such-article', 'all');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /^moderate: There is no such article\.\n$/);
    assert.equal(run('premoderate', '--article', seedArticle.id, 'sometimes').status, 2);
  });
});
