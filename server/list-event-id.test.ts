/**
 * The list's `eventId` (`?live=1`): read before the page, so that a client
 * that shows the page and then listens after that id sees every comment
 * once: none missed, and repeats only of comments the page holds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CommentPage, ErrorBody } from '../src/model/comments/contract.js';
import { openEvents } from '../test/support/sse.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer, type RunningServer } from './app.js';

const ARTICLE = { id: 'live-list', lang: 'en', headline: 'Live list', body: ['A paragraph.'], comments: [] };

let server: RunningServer;
let comments: string;
before(async () => {
  server = await startServer({ dbPath: tempDbPath(), allowedOrigins: '*', articles: [ARTICLE], log: () => {} });
  comments = `${server.url}/articles/${ARTICLE.id}/comments`;
});
after(() => server.close());

const post = async (text: string): Promise<void> => {
  const response = await fetch(comments, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'Ada', text, idempotencyKey: text }),
  });
  assert.equal(response.status, 201);
};

const page = async (query: string): Promise<CommentPage> => {
  const response = await fetch(`${comments}?${query}`);
  assert.equal(response.status, 200);
  return (await response.json()) as CommentPage;
};

test('a page asked for live carries an eventId; the stream after it starts with what the page does not hold', async () => {
  const empty = await page('live=1');
  assert.equal(typeof empty.eventId, 'string', 'an article with no events yet has a place to start too');
  await post('Before the page');
  const first = await page('live=1');
  assert.deepEqual(
    first.threads.map((thread) => thread.text),
    ['Before the page'],
  );
  assert.notEqual(first.eventId, empty.eventId);

  await post('After the page');
  const stream = await openEvents(`${server.url}/articles/${ARTICLE.id}/events?after=${first.eventId}`);
  try {
    const next = await stream.nextEvent(2000);
    assert.equal(JSON.parse(next!.data!).text, 'After the page');
  } finally {
    stream.close();
  }

  // Resumed after the empty page's id, the stream repeats what the later page already holds, in order.
  const behind = await openEvents(`${server.url}/articles/${ARTICLE.id}/events?after=${empty.eventId}`);
  try {
    assert.equal(JSON.parse((await behind.nextEvent(2000))!.data!).text, 'Before the page');
    assert.equal(JSON.parse((await behind.nextEvent(2000))!.data!).text, 'After the page');
  } finally {
    behind.close();
  }
});

test('only a page asked for live carries an eventId, and live takes 1 alone', async () => {
  assert.equal('eventId' in (await page('sort=newest')), false);
  assert.equal('eventId' in (await page('live=')), false, 'empty, as a blank form field, is not given');
  const refused = await fetch(`${comments}?live=yes`);
  assert.equal(refused.status, 400);
  const body = (await refused.json()) as ErrorBody;
  assert.equal(body.error.code, 'validation_failed');
  assert.equal(body.error.field, 'live');
  assert.match(body.error.message, /live must be 1/);
});
