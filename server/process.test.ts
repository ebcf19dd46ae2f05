/**
 * What only real processes show: a 201 survives SIGKILL, SIGTERM closes
 * gracefully, and two processes starting at once on one new database file
 * both come up and share it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedArticle } from '../src/model/article/seed.js';
import type { Comment, CommentPage } from '../src/model/comments/contract.js';
import { spawnServer } from '../test/support/spawn-server.js';
import { tempDbPath } from '../test/support/temp.js';

const path = `/articles/${seedArticle.id}/comments`;

const post = (url: string, body: unknown) =>
  fetch(url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8000' },
    body: JSON.stringify(body),
  });

describe('the server process', () => {
  test('a comment answered with 201 survives SIGKILL right after', async () => {
    const db = tempDbPath();
    const first = await spawnServer(['--db', db]);
    const draft = { author: 'Ada', text: 'Written to disk before the 201', idempotencyKey: 'durable-1' };
    const response = await post(first.url, draft);
    assert.equal(response.status, 201);
    first.child.kill('SIGKILL');
    const stored = (await response.json()) as Comment;
    assert.equal(await first.exited, 'SIGKILL');

    const second = await spawnServer(['--db', db]);
    try {
      const page = (await (await fetch(second.url + path)).json()) as CommentPage;
      assert.deepEqual(
        page.threads.map((t) => t.id),
        [stored.id],
      );
      const replay = await post(second.url, draft);
      assert.equal(replay.status, 200, 'the idempotency key survived too');
      assert.equal(((await replay.json()) as Comment).id, stored.id);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, 'SIGTERM closes gracefully');
    }
  });

  test('two processes starting at once on a new file both serve it', async () => {
    const db = tempDbPath();
    const [a, b] = await Promise.all([spawnServer(['--db', db]), spawnServer(['--db', db])]);
    try {
      const posts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(i % 2 ? a.url : b.url, { author: 'Ada', text: `post ${i}`, idempotencyKey: `k${i % 10}` }),
        ),
      );
      // Each key was sent once to each process: one stored, one replayed.
      const statuses = posts.map((r) => r.status).sort();
      assert.deepEqual(statuses, [...Array(10).fill(200), ...Array(10).fill(201)]);
      const counts = await Promise.all(
        [a, b].map(async (s) => (await (await fetch(`${s.url}${path}/count`)).json()) as { count: number }),
      );
      assert.deepEqual(counts, [{ count: 10 }, { count: 10 }]);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      assert.deepEqual(await Promise.all([a.exited, b.exited]), [0, 0]);
    }
  });
});
