/**
 * The load generator of the server rows: a fixed number of requests, a
 * fixed number at a time, over keep-alive connections, from this process.
 */
import { Agent, request } from 'node:http';
import { median, quantile } from './render.js';

export interface LoadResult {
  readonly requests: number;
  readonly concurrency: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One run's raw figures; {@link summarize} makes them a {@link LoadResult}. */
export interface Run {
  readonly latencies: number[];
  readonly seconds: number;
  readonly errors: number;
}

/** Runs `total` requests, `concurrency` at a time; an answer other than `expect` counts as an error. */
export async function run(
  url: string,
  total: number,
  concurrency: number,
  make: (i: number) => LoadRequest,
  expect: number,
): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const { method, path, body, headers = {} } = make(i);
      const started = process.hrtime.bigint();
      const req = request(
        `${url}${path}`,
        {
          method,
          agent,
          headers: body
            ? { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
            : headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode !== expect) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (next < total) await one(next++);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { latencies, seconds, errors };
}

/** The figures of one or more runs of one load, taken together. */
export function summarize(runs: readonly Run[], concurrency: number): LoadResult {
  const latencies = runs.flatMap((one) => one.latencies);
  const seconds = runs.reduce((sum, one) => sum + one.seconds, 0);
  return {
    requests: latencies.length,
    concurrency,
    rps: latencies.length / seconds,
    p50: median(latencies),
    p99: quantile(latencies, 0.99),
    errors: runs.reduce((sum, one) => sum + one.errors, 0),
  };
}

/** Runs `total` requests, `concurrency` at a time; an answer other than `expect` counts as an error. */
export async function load(
  url: string,
  total: number,
  concurrency: number,
  make: (i: number) => LoadRequest,
  expect: number,
): Promise<LoadResult> {
  return summarize([await run(url, total, concurrency, make, expect)], concurrency);
}

/** One side of a comparison: the requests `make` makes, sent to the server at `url`. */
export interface LoadTarget {
  readonly url: string;
  readonly make: (i: number) => LoadRequest;
}

/**
 * Two loads of `total` requests each, to compare, on one server or two:
 * in four runs of half as many, A B B A, so that a change in the
 * machine's load while they run falls on both alike.
 */
export async function loadPairOn(
  targets: readonly [LoadTarget, LoadTarget],
  total: number,
  concurrency: number,
  expect: number,
): Promise<[LoadResult, LoadResult]> {
  const half = Math.ceil(total / 2);
  const runsOf: [Run[], Run[]] = [[], []];
  for (const which of [0, 1, 1, 0] as const) {
    const { url, make } = targets[which]!;
    runsOf[which].push(await run(url, half, concurrency, make, expect));
  }
  return [summarize(runsOf[0], concurrency), summarize(runsOf[1], concurrency)];
}

/** {@link loadPairOn} with both loads on the server at `url`. */
export const loadPair = (
  url: string,
  total: number,
  concurrency: number,
  [a, b]: readonly [(i: number) => LoadRequest, (i: number) => LoadRequest],
  expect: number,
): Promise<[LoadResult, LoadResult]> =>
  loadPairOn(
    [
      { url, make: a },
      { url, make: b },
    ],
    total,
    concurrency,
    expect,
  );
