/**
 * The server as a hostile or careless client finds it: the largest valid
 * bodies, cursors carried to another article, uploads cut short, sockets
 * that send their headers a byte at a time, one IPv6 network posing as many
 * clients, and command lines with a typo.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/model/article/article.js';
import { seedArticle } from '../src/model/article/seed.js';
import { LIMITS, type Comment, type CommentPage, type ErrorBody } from '../src/model/comments/contract.js';
import { tempDbPath } from '../test/support/temp.js';
import { startServer, type RunningServer } from './app.js';

const other: Article = { ...seedArticle, id: 'another-article', comments: [] };
const JSON_HEADERS = { 'Content-Type': 'application/json' };
let keys = 0;
const draft = (text: string) => ({ author: 'Ada', text, idempotencyKey: `hostile-${++keys}` });

let server: RunningServer;
let logged: unknown[];
const comments = (article = seedArticle.id) => `${server.url}/articles/${article}/comments`;

before(async () => {
  logged = [];
  server = await startServer({
    dbPath: tempDbPath(),
    allowedOrigins: '*',
    articles: [seedArticle, other],
    postsPerMinute: 1000,
    trustProxy: true,
    log: (error) => logged.push(error),
  });
});
after(() => server.close());

const postRaw = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body });

describe('hostile clients', () => {
  test('a comment at every length limit is read, however its text is encoded', async () => {
    const emoji = '😀'.repeat(LIMITS.textLength);
    const plain = await postRaw(comments(), JSON.stringify(draft(emoji)));
    assert.equal(plain.status, 201, await plain.clone().text());
    assert.equal(((await plain.json()) as Comment).text, emoji);
    // The worst case: every code point of every field as a JSON escape pair.
    const escape = (text: string) =>
      [...text]
        .map((char) =>
          char
            .split('')
            .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
            .join(''),
        )
        .join('');
    const body = `{"author":"${escape('😀'.repeat(LIMITS.authorLength))}","text":"${escape(emoji)}","idempotencyKey":"${escape('😀'.repeat(LIMITS.idempotencyKeyLength))}"}`;
    const escaped = await postRaw(comments(), body);
    assert.equal(escaped.status, 201, await escaped.clone().text());
    assert.equal(((await escaped.json()) as Comment).text, emoji);
    // One code point more is a 422 on the field, not a 413 on the body.
    const over = await postRaw(comments(), JSON.stringify(draft(`${emoji}😀`)));
    assert.equal(over.status, 422);
    assert.equal(((await over.json()) as ErrorBody).error.field, 'text');
  });

  test("a cursor of another article's page is refused with 400, not read as a position here", async () => {
    for (let i = 0; i < 3; i++) await postRaw(comments(other.id), JSON.stringify(draft(`elsewhere ${i}`)));
    await postRaw(comments(), JSON.stringify(draft('here')));
    const foreign = ((await (await fetch(`${comments(other.id)}?limit=1`)).json()) as CommentPage).nextCursor!;
    const refused = await fetch(`${comments()}?limit=1&cursor=${foreign}`);
    assert.equal(refused.status, 400);
    const { error } = (await refused.json()) as ErrorBody;
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.field, 'cursor');
    assert.equal(
      (await fetch(`${comments(other.id)}?limit=1&cursor=${foreign}`)).status,
      200,
      'on its own article it reads',
    );
  });

  test('an upload cut short is no error of ours: nothing logged, and the server serves on', async () => {
    const { port } = new URL(server.url);
    const before = logged.length;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /articles/${seedArticle.id}/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"au`,
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(logged.slice(before), []);
    assert.equal((await fetch(`${comments()}/count`)).status, 200);
  });

  test('a socket that sends its headers a byte at a time is cut off within the 10 s headers timeout', async () => {
    const { port } = new URL(server.url);
    const started = performance.now();
    const seconds = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      const request = `GET /articles/${seedArticle.id}/comments HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(100)}`;
      let sent = 0;
      const drip = setInterval(() => socket.write(request[sent++ % request.length]!), 500);
      socket.on('close', () => {
        clearInterval(drip);
        resolve((performance.now() - started) / 1000);
      });
      socket.on('error', () => {}); // a reset is a cut too
      setTimeout(() => reject(new Error('still open after 20 s')), 20_000).unref();
    });
    assert.ok(seconds >= 9 && seconds < 12.5, `cut after ${seconds.toFixed(1)} s`);
  });

  test('addresses of one IPv6 /64 count as one client for flags', async () => {
    const comment = (await (
      await postRaw(comments(), JSON.stringify(draft('Flag me from one network')))
    ).json()) as Comment;
    for (const [i, address] of ['2001:db8:1:2::1', '2001:db8:1:2:aaaa::2', '2001:db8:1:2:ffff:ffff:ffff:3'].entries()) {
      const response = await postRaw(`${comments()}/${comment.id}/flag`, JSON.stringify({ readerId: `v6-${i}` }), {
        'X-Forwarded-For': address,
      });
      assert.equal(response.status, 200);
    }
    const page = (await (await fetch(`${comments()}?limit=100`)).json()) as CommentPage;
    assert.ok(
      page.threads.some((thread) => thread.id === comment.id),
      'one network is one flag, below the threshold of 3',
    );
    // Three networks do hide it.
    for (const address of ['2001:db8:1:3::1', '2001:db8:1:4::1']) {
      await postRaw(`${comments()}/${comment.id}/flag`, JSON.stringify({ readerId: address }), {
        'X-Forwarded-For': address,
      });
    }
    const after = (await (await fetch(`${comments()}?limit=100`)).json()) as CommentPage;
    assert.ok(!after.threads.some((thread) => thread.id === comment.id));
  });
});

describe('the command line', () => {
  /** Runs `server/main.ts` with `args`; resolves with its exit code and output. */
  const run = (args: readonly string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
        cwd: fileURLToPath(new URL('../', import.meta.url)),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  for (const [args, reason] of [
    [['--databse', 'x.db'], /unknown option '--databse'/],
    [['--db', '--port', '9000'], /--db needs a value/],
    [['--port', '-1'], /--port=-1/],
  ] as const) {
    test(`${args.join(' ')}: one line of why, the usage, exit 2, no stack`, async () => {
      const { code, stderr } = await run(args);
      assert.equal(code, 2);
      const [first, ...rest] = stderr.trim().split('\n');
      assert.match(first!, /^news-widget comments server: /);
      assert.match(first!, reason);
      assert.match(rest.join('\n'), /usage: /);
      assert.doesNotMatch(stderr, /\bat |ERR_PARSE_ARGS|node:internal/);
    });
  }

  const keyFile = (keys: unknown) => {
    const path = `${tempDbPath()}.keys.json`;
    writeFileSync(path, JSON.stringify(keys));
    return path;
  };
  for (const [args, reason] of [
    [() => ['--site', 'news'], /--site .*give --sso-keys with it/],
    [() => ['--sso-keys', keyFile({ k: { alg: 'HS256', secret: 'x'.repeat(40) } })], /--sso-keys needs --site/],
    [() => ['--sso-keys', '/no/such/keys.json', '--site', 'news'], /cannot read the key file \/no\/such\/keys.json/],
    [
      () => ['--sso-keys', keyFile({ k: { alg: 'HS256', secret: 'short' } }), '--site', 'news'],
      /Key "k" has a secret of 5 bytes/,
    ],
    [() => ['--anonymous', 'maybe'], /--anonymous must be allow or deny, not "maybe"/],
    [() => ['--edit-window', '15'], /--edit-window must be a duration such as 90s, 15m or 1h, not "15"/],
  ] as const) {
    test(`sign-in options refused: ${String(reason)}`, async () => {
      const { code, stderr } = await run([...args(), '--db', tempDbPath()]);
      assert.equal(code, 2, stderr);
      assert.match(stderr, reason);
      assert.doesNotMatch(stderr, /^\s+at |node:internal/m, 'no stack');
    });
  }
});
