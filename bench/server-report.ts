/**
 * The server's part of the report: its targets, and its tables (SQLite and
 * PostgreSQL side by side, the PostgreSQL driver, idle live streams).
 */
import type { DriverFigures, DriverResult } from './drivers.js';
import type { IdleStreamsResult } from './idle-streams.js';
import type { LoadResult } from './load.js';
import type { Target } from './report.js';
import type { DatabaseRows, ServerResult } from './server.js';

export interface ServerResults {
  readonly server: ServerResult;
  readonly drivers: DriverResult | { readonly skipped: string };
  readonly streams: IdleStreamsResult;
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (value: number) => `${value.toFixed(2)}×`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const s = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** Each database measured, by name. */
function databases({ server }: ServerResults): [string, DatabaseRows][] {
  return [
    ['SQLite', server],
    ...('skipped' in server.postgres ? [] : [['PostgreSQL', server.postgres] as [string, DatabaseRows]]),
  ];
}

export function serverTargets(results: ServerResults): Target[] {
  const { server } = results;
  const targets: Target[] = [
    {
      name: 'Server, list comments (SQLite)',
      goal: '≥ 2,000 req/s',
      actual: `${n(server.list.rps)} req/s`,
      met: server.list.rps >= 2000 && server.list.errors === 0,
    },
    {
      name: 'Server, post a comment (SQLite)',
      goal: '≥ 500 req/s',
      actual: `${n(server.post.rps)} req/s`,
      met: server.post.rps >= 500 && server.post.errors === 0,
    },
  ];
  for (const [name, rows] of databases(results)) {
    const { small, big, ratio } = rows.firstPage;
    targets.push({
      name: `Server, first page of ${n(big.articleComments)} comments vs ${n(small.articleComments)} (${name})`,
      goal: '≤ 2×',
      actual: `${x(ratio)} (p50 ${ms(big.p50)} vs ${ms(small.p50)})`,
      met: ratio <= 2 && big.errors === 0 && small.errors === 0,
    });
  }
  for (const [name, { queue }] of databases(results)) {
    targets.push({
      name: `Server, moderators' first page of the pending queue, ${n(queue.big.held)} held vs ${n(queue.small.held)} (${name})`,
      goal: '≤ 2×',
      actual: `${x(queue.ratio)} (p50 ${ms(queue.big.p50)} vs ${ms(queue.small.p50)})`,
      met: queue.ratio <= 2 && queue.big.errors === 0 && queue.small.errors === 0,
    });
  }
  if ('skipped' in server.postgres) {
    targets.push({ name: 'Server on PostgreSQL', goal: 'measured', actual: server.postgres.skipped, met: null });
  }
  return targets;
}

const loadCells = (load: LoadResult) =>
  `${n(load.requests)} | ${n(load.rps)} | ${ms(load.p50)} | ${ms(load.p99)} | ${load.errors}`;

/** SQLite's and PostgreSQL's rows, the big article's and the SQLite file's size. */
function databaseTables(results: ServerResults): string[] {
  const { server } = results;
  const postgres =
    'skipped' in server.postgres ? `PostgreSQL not measured: ${server.postgres.skipped}` : `${server.postgres.version}`;
  const lines = [
    `**Server** (loopback; the load generator in the bench process, keep-alive, ${server.list.concurrency} requests at a time; ` +
      'one server child process per database, one after the other, never both at once; ' +
      `${postgres} in a throwaway cluster on this machine with fsync on, reached by the server's pool of 10 connections; ` +
      `list = first page of an article with ${n(server.list.articleComments)} comments)`,
    '',
    '| database | request | requests | req/s | p50 | p99 | errors | the storage alone, per call |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, rows] of databases(results)) {
    lines.push(
      `| ${name} | list | ${loadCells(rows.list)} | ${rows.direct.listMs.toFixed(2)} ms |`,
      `| ${name} | post | ${loadCells(rows.post)} | ${rows.direct.postMs.toFixed(2)} ms |`,
    );
  }
  lines.push(
    '',
    `**First page of a big article** (newest first, 20 threads with their first replies; same load, the two articles in four alternating runs, A B B A; the big article seeded with \`insertMany\`, ${n(server.firstPage.batch)} comments a call; PostgreSQL then vacuumed and analyzed, as a database grown to it over time would be)`,
    '',
    '| database | comments in the article | requests | req/s | p50 | p99 | errors | seeding |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [name, { firstPage }] of databases(results)) {
    lines.push(
      `| ${name} | ${n(firstPage.small.articleComments)} | ${loadCells(firstPage.small)} | |`,
      `| ${name} | ${n(firstPage.big.articleComments)} | ${loadCells(firstPage.big)} | ${s(firstPage.seedMs)} |`,
    );
  }
  lines.push(
    '',
    "**The moderators' first page** (`GET /moderation/comments?queue=pending` with the admin key: the newest 20 held comments of the site, " +
      "with their reasons, flags, parents and authors' records; same load, A B B A; each queue a database and a server child of its own; " +
      `the comments held as \`insertMany\` seeds them hidden, ${n(server.queue.batch)} a call, then vacuumed and analyzed on PostgreSQL)`,
    '',
    '| database | comments held | requests | req/s | p50 | p99 | errors | seeding |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [name, { queue }] of databases(results)) {
    lines.push(
      `| ${name} | ${n(queue.small.held)} | ${loadCells(queue.small)} | |`,
      `| ${name} | ${n(queue.big.held)} | ${loadCells(queue.big)} | ${s(queue.seedMs)} |`,
    );
  }
  lines.push(
    '',
    `Database size: ${mb((server.db.bytes * 100_000) / server.db.comments)} per 100,000 comments in SQLite ` +
      `(${n(server.db.comments)} inserted in ${s(server.db.insertMs)}; WAL checkpointed; ` +
      `author + text are ${mb(server.db.textBytes)} of it).`,
  );
  return lines;
}

function driverTable(drivers: ServerResults['drivers']): string[] {
  if ('skipped' in drivers) return [`**PostgreSQL driver**: not measured (${drivers.skipped}).`];
  const cell = ({ rps, p50, p99 }: DriverFigures) => `${n(rps)} (${ms(p50)}, ${ms(p99)})`;
  return [
    `**PostgreSQL driver**: node-postgres (\`pg\` ${drivers.drivers.pg}, the storage's) against postgres.js (\`postgres\` ${drivers.drivers.postgres}), ` +
      'replaying the statements the storage sends for a call, recorded from it, on one pooled connection a call; ' +
      `pools of ${drivers.poolSize}, ${drivers.concurrency} calls at a time, ${drivers.rounds} rotating rounds of ` +
      `${n(drivers.calls.list)} lists and ${n(drivers.calls.post)} posts each. \`pg\` sends each statement afresh, as the storage does; ` +
      'postgres.js prepares each once a connection, as it does by default; so does `pg` with named statements, the third column',
    '',
    '| call | statements | `pg`, calls/s (p50, p99) | `pg`, named statements | postgres.js | postgres.js ÷ `pg` |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...(['list', 'post'] as const).map((kind) => {
      const { pg, pgPrepared, postgres } = drivers[kind];
      return (
        `| ${kind === 'list' ? 'first page of 1,000 comments' : 'post a comment'} | ${drivers.statements[kind]} | ` +
        `${cell(pg)} | ${cell(pgPrepared)} | ${cell(postgres)} | ${x(postgres.rps / pg.rps)} |`
      );
    }),
  ];
}

function streamsTable(streams: IdleStreamsResult): string[] {
  const per = (bytes: number) => (bytes >= 0 ? kb(bytes) : `−${kb(-bytes)}`);
  return [
    `**Idle live streams**: ${n(streams.streams)} \`/events\` streams held open on one SQLite server, one article, each from a loopback address of its own ` +
      `(opened in ${s(streams.openMs)}; \`ulimit -n\` ${n(streams.fdLimit)}); the server's memory after a full GC; list as above`,
    '',
    `| | no stream | ${n(streams.streams)} streams held | per stream |`,
    '| --- | ---: | ---: | ---: |',
    `| server RSS | ${mb(streams.before.rss)} | ${mb(streams.after.rss)} | ${per(streams.perStream.rss)} |`,
    `| server JS heap used | ${mb(streams.before.heapUsed)} | ${mb(streams.after.heapUsed)} | ${per(streams.perStream.heapUsed)} |`,
    `| list req/s | ${n(streams.listWithout.rps)} | ${n(streams.listWhileHeld.rps)} | |`,
    `| list p50 | ${ms(streams.listWithout.p50)} | ${ms(streams.listWhileHeld.p50)} | |`,
    `| list p99 | ${ms(streams.listWithout.p99)} | ${ms(streams.listWhileHeld.p99)} | |`,
  ];
}

export function serverTables(results: ServerResults): string[] {
  return [...databaseTables(results), '', ...driverTable(results.drivers), '', ...streamsTable(results.streams)];
}
