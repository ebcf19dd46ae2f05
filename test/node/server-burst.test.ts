/**
 * A bounded burst against the real server over HTTP, as many readers at once
 * would make it: new comments, replies, idempotent replays sent twice at the
 * same moment, and reads in between. Every acknowledged comment must be
 * listed afterwards (read back through the client's HttpStore, paging with
 * cursors in every sort), each replayed key must store one comment, and the
 * count must equal the number of 201 answers. server/http.test.ts covers a
 * plain burst of new comments; this one mixes what really arrives together.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Comment, CommentSort } from '../../src/model/comments/contract.js';
import { SORTS } from '../../src/model/comments/contract.js';
import { HttpStore } from '../../src/stores/http-store.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { tempDbPath } from '../support/temp.js';

const ARTICLE = 'burst-article';
const POSTS = 300;
const CONCURRENCY = 30;
const REPLAYED_KEYS = 40; // each sent twice at once: 80 of the 300 posts
const PARENTS = 5;

let server: RunningServer;
let url: string;

before(async () => {
  server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    postsPerMinute: 100_000,
    articles: [{ id: ARTICLE, lang: 'en', headline: 'Burst', body: ['A paragraph.'], comments: [] }],
  });
  url = `${server.url}/articles/${ARTICLE}/comments`;
});
after(() => server.close());

interface Answer {
  key: string;
  status: number;
  comment?: Comment;
  body: unknown;
}

async function post(key: string, text: string, parentId: string | null): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://news.example' },
    body: JSON.stringify({ author: `Reader ${key}`, text, parentId, idempotencyKey: key }),
  });
  const body: unknown = await response.json();
  return { key, status: response.status, body, ...(response.status < 300 && { comment: body as Comment }) };
}

/** Runs jobs with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const at = next++;
      results[at] = await jobs[at]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Every comment of the article, read page by page through the client store. */
async function listAll(store: HttpStore, sort: CommentSort): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total: number;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.list(ARTICLE, { sort, cursor, limit: 37 });
    total = page.total;
    for (const thread of page.threads) {
      ids.push(thread.id, ...thread.replies.map((reply) => reply.id));
      // A thread carries its first replies; the rest page through the replies call.
      let shown = thread.replies.length;
      for (let more = thread.repliesNextCursor; more;) {
        const replies = await store.replies(ARTICLE, thread.id, { cursor: more, limit: 41 });
        ids.push(...replies.replies.map((reply) => reply.id));
        shown += replies.replies.length;
        more = replies.nextCursor;
      }
      assert.equal(shown, thread.replyCount, `${sort}: the replies of ${thread.id}`);
    }
    cursor = page.nextCursor;
    if (!cursor) return { ids, total };
  }
  throw new Error('paging did not end');
}

test(`a burst of ${POSTS} posts (${REPLAYED_KEYS} keys sent twice at once), ${CONCURRENCY} at a time, loses no acknowledged comment`, async (t) => {
  const store = new HttpStore(server.url, { retries: 0 });
  const parents: Comment[] = [];
  for (let i = 0; i < PARENTS; i++) {
    const answer = await post(`parent-${i}`, `Thread ${i}`, null);
    assert.equal(answer.status, 201);
    parents.push(answer.comment!);
  }

  // One job per new key; a replayed key's job sends both copies together.
  type Job = () => Promise<Answer[]>;
  const jobs: Job[] = [];
  const singles = POSTS - 2 * REPLAYED_KEYS;
  for (let i = 0; i < singles; i++) {
    // A third are replies, some to replies (which join the parent's thread).
    const parentId = i % 3 === 0 ? parents[i % PARENTS]!.id : null;
    jobs.push(async () => [await post(`single-${i}`, `Burst comment ${i}`, parentId)]);
  }
  for (let i = 0; i < REPLAYED_KEYS; i++) {
    const parentId = i % 2 === 0 ? parents[i % PARENTS]!.id : null;
    jobs.push(() =>
      Promise.all([post(`twice-${i}`, `Sent twice ${i}`, parentId), post(`twice-${i}`, `Sent twice ${i}`, parentId)]),
    );
  }
  // Readers load the list and the count while the burst goes on.
  const reads: (() => Promise<unknown>)[] = Array.from(
    { length: 20 },
    (_, i) => () =>
      i % 2 ? store.count(ARTICLE) : store.list(ARTICLE, { sort: SORTS[i % SORTS.length]!, limit: 100 }),
  );
  // Deterministic shuffle, so replays, replies and reads interleave.
  const mixed: (() => Promise<unknown>)[] = [...jobs, ...reads];
  for (let i = mixed.length - 1, seed = 7; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [mixed[i], mixed[j]] = [mixed[j]!, mixed[i]!];
  }

  const started = performance.now();
  const results = await pool(mixed, CONCURRENCY);
  const seconds = (performance.now() - started) / 1000;
  const answers = results
    .filter((result): result is Answer[] => Array.isArray(result) && 'status' in (result[0] ?? {}))
    .flat();
  t.diagnostic(
    `${answers.length} posts and ${reads.length} reads, ${CONCURRENCY} at a time, in ${(seconds * 1000).toFixed(0)} ms`,
  );
  assert.equal(answers.length, POSTS);

  // Every post was answered as stored (201) or as a replay (200); nothing failed.
  const failed = answers.filter((answer) => answer.status !== 201 && answer.status !== 200);
  assert.deepEqual(failed, []);

  // A key sent twice at once stored one comment: one 201, one 200, the same comment.
  const byKey = new Map<string, Answer[]>();
  for (const answer of answers) byKey.set(answer.key, [...(byKey.get(answer.key) ?? []), answer]);
  for (const [key, pair] of byKey) {
    if (!key.startsWith('twice-')) {
      assert.equal(pair.length, 1);
      assert.equal(pair[0]!.status, 201, key);
      continue;
    }
    assert.deepEqual(pair.map((answer) => answer.status).sort(), [200, 201], key);
    assert.deepEqual(pair[0]!.comment, pair[1]!.comment, key);
  }

  const created = answers.filter((answer) => answer.status === 201).map((answer) => answer.comment!);
  assert.equal(created.length, singles + REPLAYED_KEYS);
  const acknowledged = new Set([...parents, ...created].map((comment) => comment.id));
  assert.equal(acknowledged.size, PARENTS + created.length, 'two acknowledgements named one id');

  // Replies landed in their thread, one level deep.
  for (const comment of created) {
    if (comment.parentId !== null)
      assert.ok(
        parents.some((parent) => parent.id === comment.parentId),
        comment.id,
      );
  }

  // Read back: the count, and every page in every sort, hold each acknowledged comment exactly once.
  assert.equal(await store.count(ARTICLE), acknowledged.size);
  assert.equal(await server.storage.count(ARTICLE), acknowledged.size);
  for (const sort of SORTS) {
    const { ids, total } = await listAll(store, sort);
    assert.equal(total, acknowledged.size, `${sort}: total`);
    assert.equal(new Set(ids).size, ids.length, `${sort}: a comment listed twice`);
    assert.deepEqual(new Set(ids), acknowledged, `${sort}: listed ≠ acknowledged`);
  }

  // Replaying every key afterwards changes nothing and answers the same comments.
  const replays = await pool(
    [...byKey.keys()].map(
      (key) => () => post(key, byKey.get(key)![0]!.comment!.text, byKey.get(key)![0]!.comment!.parentId),
    ),
    CONCURRENCY,
  );
  for (const replay of replays) {
    assert.equal(replay.status, 200, replay.key);
    assert.deepEqual(replay.comment, byKey.get(replay.key)!.find((answer) => answer.status === 201)!.comment);
  }
  assert.equal(await store.count(ARTICLE), acknowledged.size);
});
