/**
 * The server's part of the report: its targets, and its tables (SQLite and
 * PostgreSQL side by side).
 */
import type { LoadResult } from './load.js';
import type { Target } from './report.js';
import type { DatabaseRows, ServerResult } from './server.js';

export interface ServerResults {
  readonly server: ServerResult;
}

const KB = 1024;
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
    `**First page of a big article** (newest first, 20 threads with their first replies; same load, the two articles in four alternating runs, A B B A; the big article seeded with \`insertMany\`, ${n(server.firstPage.batch)} comments a call)`,
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
    `Database size: ${mb((server.db.bytes * 100_000) / server.db.comments)} per 100,000 comments in SQLite ` +
      `(${n(server.db.comments)} inserted in ${s(server.db.insertMs)}; WAL checkpointed; ` +
      `author + text are ${mb(server.db.textBytes)} of it).`,
  );
  return lines;
}

export function serverTables(results: ServerResults): string[] {
  return databaseTables(results);
}
