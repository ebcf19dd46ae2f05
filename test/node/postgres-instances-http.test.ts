/**
 * Three real server processes on one PostgreSQL, as a load balancer with
 * nothing sticky would spread readers over them: a post to one is listed
 * by the others; a burst of posts over all three, with one instance killed
 * by SIGKILL mid-burst and its unanswered posts replayed to another, loses
 * no acknowledged comment and stores none twice; one client's posts spread
 * over the three hit one rate limit. Counted in the database itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { seedArticle } from '../../src/model/article/seed.js';
import type { CommentPage, PostedComment } from '../../src/model/comments/contract.js';
import { asPublished } from '../support/posted.js';
import { testDatabase } from '../support/postgres.js';
import { spawnServer, type ChildServer } from '../support/spawn-server.js';

const POSTS_PER_MINUTE = 5;
const BURST = 60;

let url: string;
let instances: ChildServer[];

before(async () => {
  url = await testDatabase();
  // Started together on an empty database: they migrate it once between them.
  instances = await Promise.all(
    Array.from({ length: 3 }, () =>
      spawnServer([
        '--database',
        url,
        '--trust-proxy',
        '--posts-per-minute',
        String(POSTS_PER_MINUTE),
        '--origin',
        '*',
      ]),
    ),
  );
});

after(async () => {
  for (const { child } of instances) child.kill('SIGTERM');
  await Promise.all(instances.map(({ exited }) => exited));
});

const comments = (instance: ChildServer) => `${instance.url}/articles/${seedArticle.id}/comments`;

/** Posts as the client at `address` (the proxy's `X-Forwarded-For`); rejects when the instance cannot be reached. */
async function post(instance: ChildServer, key: string, address: string): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(comments(instance), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ author: 'Ada', text: `Comment ${key}`, idempotencyKey: key }),
  });
  return { status: answer.status, body: await answer.json() };
}

/** The stored comments whose idempotency keys start with `prefix`, by key, straight from the database. */
async function storedKeys(prefix: string): Promise<Map<string, number>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; copies: number }>(
      'SELECT idempotency_key AS key, count(*)::int AS copies FROM comments WHERE idempotency_key LIKE $1 GROUP BY 1',
      [`${prefix}%`],
    );
    return new Map(rows.map((row) => [row.key, row.copies]));
  } finally {
    await client.end();
  }
}

describe('three server instances on one PostgreSQL', () => {
  test('a post to one instance is listed by the others', async () => {
    const answer = await post(instances[0]!, 'shared-1', '192.0.2.1');
    assert.equal(answer.status, 201);
    const posted = asPublished(answer.body as PostedComment);
    for (const other of instances.slice(1)) {
      const page = (await (await fetch(comments(other))).json()) as CommentPage;
      assert.deepEqual(
        page.threads[0],
        { ...posted, replies: [], replyCount: 0, repliesNextCursor: null, repliesPrevCursor: null },
        other.url,
      );
    }
  });

  test('one client spread over all three instances gets exactly the limit stored', async () => {
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => post(instances[i % 3]!, `limited-${i}`, '198.51.100.9')),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [...Array(POSTS_PER_MINUTE).fill(201), ...Array(15 - POSTS_PER_MINUTE).fill(429)]);
    const stored = await storedKeys('limited-');
    assert.equal(stored.size, POSTS_PER_MINUTE);
  });

  test('an instance killed mid-burst loses no acknowledged comment, and replays store none twice', async () => {
    const victim = instances[2]!;
    const survivor = instances[0]!;
    const acknowledged = new Set<string>();
    let replayed = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      victim.child.kill('SIGKILL');
    };
    // Each post from a client of its own, so the rate limit stays out of it.
    const send = async (i: number) => {
      const key = `burst-${i}`;
      const address = `203.0.113.${i}`;
      const target = instances[i % 3]!;
      let answer: { status: number; body: unknown };
      try {
        answer = await post(target, key, address);
        // Killed as soon as it acknowledged one: its other posts are in flight or yet to come.
        if (target === victim) kill();
      } catch {
        // No answer from the killed instance: stored or not, the client cannot know, so it replays the key elsewhere.
        assert.equal(target, victim, `only the killed instance fails to answer (post ${i})`);
        replayed++;
        answer = await post(survivor, key, address);
      }
      assert.ok(
        answer.status === 200 || answer.status === 201,
        `post ${i}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      acknowledged.add(key);
    };
    await Promise.all(
      Array.from({ length: BURST }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 5)).then(() => send(i))),
    );
    assert.equal(await victim.exited, 'SIGKILL');
    assert.ok(replayed > 0, 'some posts met the killed instance, and were replayed');
    assert.equal(acknowledged.size, BURST);
    const stored = await storedKeys('burst-');
    assert.deepEqual([...stored.keys()].sort(), [...acknowledged].sort(), 'every acknowledged comment is stored');
    assert.ok(
      [...stored.values()].every((copies) => copies === 1),
      'none is stored twice',
    );
    // The survivors list them all.
    const listed = (await (await fetch(`${comments(instances[1]!)}?limit=100`)).json()) as CommentPage;
    const keys = new Set(listed.threads.map((thread) => thread.text.replace('Comment ', '')));
    for (const key of acknowledged) assert.ok(keys.has(key), key);
  });
});
