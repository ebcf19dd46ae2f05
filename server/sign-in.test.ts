/**
 * Signing in over real HTTP, with tokens signed by jose as a publisher's
 * backend would: the account's name on comments, `mine` marks, refusals
 * with their codes (never logged, never repeating the token), anonymous
 * posting denied, editing and deleting one's own comments (by token or
 * edit key) within the window, CORS for the new methods and headers, the
 * live events of each change, and a reader's data and its erasure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { seedArticle } from '../src/model/article/seed.js';
import type {
  Comment,
  CommentPage,
  DeleteResult,
  ErrorBody,
  PostedComment,
  ReaderData,
} from '../src/model/comments/contract.js';
import { openEvents } from '../test/support/sse.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer, type RunningServer } from './app.js';
import { readKeySet } from './auth/keys.js';

const SITE = 'news-example';
const ORIGIN = 'https://news.example';
const WINDOW_MS = 1500;
const seconds = () => Math.floor(Date.now() / 1000);

const pair = await generateKeyPair('EdDSA', { extractable: true });
const keys = await readKeySet(JSON.stringify({ 'site-2026': await exportJWK(pair.publicKey) }));

/** A token for `sub` named `name`, as the publisher's backend signs it. */
const tokenFor = (sub: string, name: string, claims: Record<string, unknown> = {}, iat = seconds()) =>
  new SignJWT({ sub, name, aud: SITE, ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'site-2026' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(pair.privateKey);

const logged: unknown[] = [];
let server: RunningServer;
let open: RunningServer;
let comments: string;
let keyNo = 0;

before(async () => {
  server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: [ORIGIN],
    postsPerMinute: 1000,
    signIn: { keys, site: SITE },
    editWindowMs: WINDOW_MS,
    log: (error) => logged.push(error),
  });
  open = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: [ORIGIN],
    signIn: { keys, site: SITE },
    anonymous: 'allow',
  });
  comments = `${server.url}/articles/${seedArticle.id}/comments`;
});
after(async () => {
  await server.close();
  await open.close();
  assert.deepEqual(logged, [], 'no refusal is logged');
});

const headersOf = (token?: string, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  Origin: ORIGIN,
  ...(token !== undefined && { Authorization: `Bearer ${token}` }),
  ...extra,
});

const post = (url: string, text: string, token?: string, extra: Record<string, unknown> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: headersOf(token),
    body: JSON.stringify({ author: 'Typed name', text, idempotencyKey: `key-${++keyNo}`, ...extra }),
  });

const change = (
  method: 'PATCH' | 'DELETE',
  id: string,
  token?: string,
  extra: Record<string, string> = {},
  text?: string,
) =>
  fetch(`${comments}/${id}`, {
    method,
    headers: headersOf(token, extra),
    ...(text !== undefined && { body: JSON.stringify({ text }) }),
  });

async function refused(response: Response, status: number, code: string, token?: string): Promise<ErrorBody> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text) as ErrorBody;
  assert.equal(body.error.code, code, text);
  if (token)
    assert.ok(!text.includes(token) && !text.includes(token.split('.')[1]!), 'the answer never repeats the token');
  return body;
}

const list = async (token?: string): Promise<CommentPage> =>
  (await fetch(`${comments}?sort=oldest&limit=100`, { headers: headersOf(token) })).json() as Promise<CommentPage>;

describe('signing in', () => {
  test("a signed-in reader's comment carries their account's name and is marked as theirs to them alone", async () => {
    const ana = await tokenFor('ana', 'Ana Lima');
    const created = await post(comments, 'Signed in', ana);
    assert.equal(created.status, 201);
    const comment = (await created.json()) as PostedComment;
    assert.equal(comment.author, 'Ana Lima');
    assert.equal(comment.signedIn, true);
    assert.equal(comment.mine, true);
    assert.equal(comment.editKey, undefined);
    assert.equal(Date.parse(comment.editableUntil!), Date.parse(comment.createdAt) + WINDOW_MS);

    const theirs = (await list(ana)).threads.find((t) => t.id === comment.id)!;
    assert.equal(theirs.mine, true);
    const anyone = (await list()).threads.find((t) => t.id === comment.id)!;
    assert.deepEqual([anyone.mine, anyone.editableUntil, anyone.signedIn], [undefined, undefined, true]);
    const other = (await list(await tokenFor('bea', 'Bea'))).threads.find((t) => t.id === comment.id)!;
    assert.equal(other.mine, undefined);

    // A newer token renames every comment of theirs.
    await post(comments, 'Renamed', await tokenFor('ana', 'Ana L. Lima', {}, seconds() + 5));
    const renamed = (await list()).threads.filter((t) => t.signedIn && t.author.startsWith('Ana'));
    assert.deepEqual(new Set(renamed.map((t) => t.author)), new Set(['Ana L. Lima']));
  });

  test('without a token, posting is refused where anonymous comments are off, and allowed where on', async () => {
    const response = await post(comments, 'Anonymous');
    await refused(response, 401, 'sign_in_required');
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    const allowed = await post(`${open.url}/articles/${seedArticle.id}/comments`, 'Anonymous');
    assert.equal(allowed.status, 201);
    const comment = (await allowed.json()) as PostedComment;
    assert.equal(comment.author, 'Typed name');
    assert.match(comment.editKey!, /^[\w-]{43}$/);
  });

  test('every bad token is a 401 with its own code, and a token in the URL a 400', async () => {
    const expired = await tokenFor('ana', 'Ana', {}, seconds() - 3600);
    const foreign = await new SignJWT({ sub: 'ana', name: 'Ana', aud: 'another-site' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'site-2026' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(pair.privateKey);
    const good = await tokenFor('ana', 'Ana');
    const [head, body] = good.split('.');
    const cases: [string, string][] = [
      [expired, 'token_expired'],
      [foreign, 'token_wrong_audience'],
      [`${head}.${body}.${'A'.repeat(86)}`, 'token_invalid'],
      [`${Buffer.from('{"alg":"none","kid":"site-2026"}').toString('base64url')}.${body}.`, 'token_invalid'],
      [await tokenFor('ana', '', {}), 'token_claims_invalid'],
      ['not-a-token', 'token_invalid'],
    ];
    for (const [token, code] of cases) {
      const response = await post(comments, 'x', token);
      await refused(response, 401, code, token);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      await refused(await fetch(comments, { headers: headersOf(token) }), 401, code, token);
    }
    await refused(await fetch(comments, { headers: { Authorization: 'Basic YTpi' } }), 401, 'token_invalid');
    await refused(await fetch(`${comments}?token=${good}`), 400, 'token_in_query', good);
    await refused(await fetch(`${comments}?cursor=${good}`), 400, 'token_in_query', good);
    // A server that was given no keys accepts no token.
    const keyless = await startServer({ dbPath: tempDbPath(), allowedOrigins: [ORIGIN] });
    await refused(
      await fetch(`${keyless.url}/articles/${seedArticle.id}/comments`, { headers: headersOf(good) }),
      401,
      'token_unknown_key',
      good,
    );
    await keyless.close();
  });
});

describe("authors' own comments", () => {
  test('edit and delete by token, within the window, and nobody else', async () => {
    const ana = await tokenFor('ana-2', 'Ana');
    const bea = await tokenFor('bea-2', 'Bea');
    const comment = (await (await post(comments, 'Teh text', ana)).json()) as Comment;
    await refused(await change('PATCH', comment.id, bea, {}, 'Hijacked'), 403, 'not_author');
    await refused(await change('PATCH', comment.id, undefined, {}, 'Hijacked'), 403, 'not_author');
    await refused(await change('PATCH', comment.id, ana, {}, ' '), 422, 'validation_failed');
    await refused(await change('PATCH', 'no-such-comment', ana, {}, 'x'), 404, 'comment_not_found');
    await refused(
      await fetch(`${comments}/${comment.id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${ana}` },
        body: 'text',
      }),
      415,
      'unsupported_media_type',
    );
    const edited = await change('PATCH', comment.id, ana, {}, 'The text');
    assert.equal(edited.status, 200);
    const body = (await edited.json()) as Comment;
    assert.deepEqual([body.text, body.edited, body.mine], ['The text', true, true]);
    await refused(await change('DELETE', comment.id, bea), 403, 'not_author');

    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    await refused(await change('PATCH', comment.id, ana, {}, 'Too late'), 403, 'edit_window_closed');
    await refused(await change('DELETE', comment.id, ana), 403, 'edit_window_closed');
  });

  test("an anonymous author's edit key, and deleting a thread that has replies", async () => {
    const openComments = `${open.url}/articles/${seedArticle.id}/comments`;
    const thread = (await (await post(openComments, 'Thread')).json()) as PostedComment;
    const reply = (await (
      await post(openComments, 'Reply', undefined, { parentId: thread.id })
    ).json()) as PostedComment;
    const at = (id: string, method: 'PATCH' | 'DELETE', key?: string, text?: string) =>
      fetch(`${openComments}/${id}`, {
        method,
        headers: headersOf(undefined, key === undefined ? {} : { 'X-Edit-Key': key }),
        ...(text !== undefined && { body: JSON.stringify({ text }) }),
      });
    await refused(await at(thread.id, 'PATCH', undefined, 'x'), 403, 'not_author');
    await refused(await at(thread.id, 'PATCH', reply.editKey, 'x'), 403, 'not_author');
    await refused(await at(thread.id, 'PATCH', 'k'.repeat(10_000), 'x'), 403, 'not_author');
    assert.equal((await at(thread.id, 'PATCH', thread.editKey, 'Thread, edited')).status, 200);

    const deleted = await at(thread.id, 'DELETE', thread.editKey);
    assert.deepEqual((await deleted.json()) as DeleteResult, { deleted: true, kept: true });
    const page = (await (await fetch(`${openComments}?limit=100`)).json()) as CommentPage;
    const mark = page.threads.find((t) => t.id === thread.id)!;
    assert.deepEqual([mark.author, mark.text, mark.deleted, mark.replies.length], ['', '', true, 1]);
    assert.deepEqual((await (await at(reply.id, 'DELETE', reply.editKey)).json()) as DeleteResult, {
      deleted: true,
      kept: false,
    });
    const after = (await (await fetch(`${openComments}?limit=100`)).json()) as CommentPage;
    assert.ok(!after.threads.some((t) => t.id === thread.id), 'the mark went with its last reply');
  });

  test('CORS lets allowed origins send the token and edit key, and refuses writes from others', async () => {
    const preflight = await fetch(`${comments}/some-id`, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization, x-edit-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'PATCH, DELETE');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization, X-Edit-Key/);
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await fetch(`${comments}/some-id`, {
        method,
        headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
        body: method === 'PATCH' ? '{"text":"x"}' : null,
      });
      await refused(response, 403, 'forbidden_origin');
    }
  });

  test('each change reaches the live stream as its own kind of event', async () => {
    const ana = await tokenFor('ana-3', 'Ana');
    const stream = await openEvents(`${server.url}/articles/${seedArticle.id}/events`);
    try {
      const comment = (await (await post(comments, 'Live', ana)).json()) as Comment;
      await change('PATCH', comment.id, ana, {}, 'Live, edited');
      await change('DELETE', comment.id, ana);
      const frames = [await stream.nextEvent(5000), await stream.nextEvent(5000), await stream.nextEvent(5000)];
      assert.deepEqual(
        frames.map((frame) => [frame?.event, (JSON.parse(frame!.data!) as Comment).id]),
        [
          ['comment', comment.id],
          ['comment-edited', comment.id],
          ['comment-deleted', comment.id],
        ],
      );
      const deleted = JSON.parse(frames[2]!.data!) as Comment;
      assert.deepEqual([deleted.deleted, deleted.author, deleted.text], [true, '', '']);
    } finally {
      stream.close();
    }
  });
});

describe("a reader's data", () => {
  test('GET /me gives it, DELETE /me erases it; neither without a token', async () => {
    await refused(await fetch(`${server.url}/me`), 401, 'sign_in_required');
    await refused(
      await fetch(`${server.url}/me`, { method: 'DELETE', headers: { Origin: ORIGIN } }),
      401,
      'sign_in_required',
    );
    const cy = await tokenFor('cy', 'Cy', { avatar: 'https://img.example/cy.png' });
    const empty = (await (await fetch(`${server.url}/me`, { headers: headersOf(cy) })).json()) as ReaderData;
    assert.deepEqual(empty, { user: null, comments: [] });
    const comment = (await (await post(comments, 'Mine to take back', cy)).json()) as Comment;
    const data = (await (await fetch(`${server.url}/me`, { headers: headersOf(cy) })).json()) as ReaderData;
    assert.deepEqual([data.user?.sub, data.user?.name, data.user?.avatar], ['cy', 'Cy', 'https://img.example/cy.png']);
    assert.deepEqual(
      data.comments.map((c) => [c.articleId, c.id, c.text]),
      [[seedArticle.id, comment.id, 'Mine to take back']],
    );
    const erased = await fetch(`${server.url}/me`, { method: 'DELETE', headers: headersOf(cy) });
    assert.deepEqual(await erased.json(), { erased: true, comments: 1 });
    assert.deepEqual(await (await fetch(`${server.url}/me`, { headers: headersOf(cy) })).json(), {
      user: null,
      comments: [],
    });
    assert.ok(!(await list()).threads.some((t) => t.id === comment.id));
  });
});
