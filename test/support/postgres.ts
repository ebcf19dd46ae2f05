/**
 * A real PostgreSQL for Node tests: `TEST_DATABASE_URL` when given,
 * otherwise a throwaway cluster made from the system's binaries (Debian's
 * `postgresql` package, installed with apt-get when running as root and it
 * is missing, as `scripts/chromium.mjs` does for Chromium).
 *
 * One cluster per test process, started on first use on a free port and
 * stopped and deleted when the process exits, however it exits. Each test
 * gets a fresh database copied from a template, which costs a few ms.
 * Where no PostgreSQL can be had, it fails saying how to get one: a storage
 * test that silently skips would be a check that cannot fail.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running PostgreSQL the tests may create databases in. */
export interface TestCluster {
  /** A URL of its maintenance database (`postgres`), with a user that may create databases. */
  readonly adminUrl: string;
  /**
   * Restarts the server, killing every connection as a crash would
   * (`pg_ctl restart -m immediate`); absent for a `TEST_DATABASE_URL`.
   * `whileDown` runs after the stop and before the start.
   */
  readonly restart?: (whileDown?: () => Promise<void>) => Promise<void>;
}

const BIN_ROOT = '/usr/lib/postgresql';

/** The newest `bin` directory of an installed PostgreSQL, or null. */
function findBin(): string | null {
  if (!existsSync(BIN_ROOT)) return null;
  const versions = readdirSync(BIN_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(BIN_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(BIN_ROOT, versions[0], 'bin') : null;
}

const isRoot = () => process.getuid?.() === 0;

function installOrExplain(): string {
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log('No PostgreSQL found: installing Debian\'s "postgresql" package with apt-get…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const bin = findBin();
    if (bin) return bin;
  }
  throw new Error(
    `No PostgreSQL found under ${BIN_ROOT}/<version>/bin. Install it (Debian/Ubuntu: ` +
      '`sudo apt-get install postgresql`), or set TEST_DATABASE_URL to a database URL whose user may create databases.',
  );
}

/** A TCP port nobody listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary; as root, as the `postgres` user, which PostgreSQL insists on. */
function run(bin: string, tool: string, args: readonly string[]): void {
  const command = join(bin, tool);
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Makes the unprivileged user PostgreSQL runs as, when root and Debian's package did not. */
function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'inherit' });
  }
}

const DIR_PREFIX = 'news-widget-pg-';

/** Whether a process of this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and removes the clusters of test processes that died without
 * cleaning up (SIGKILL, a power cut): each directory is named after the
 * process that made it.
 */
function sweepOrphans(bin: string): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^news-widget-pg-(\d+)-/.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    const dir = join(tmpdir(), name);
    try {
      run(bin, 'pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-w']);
    } catch {
      // Not running.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a cluster in a fresh temporary directory; removed when this
 * process exits. `durable` keeps PostgreSQL's own fsync settings, for a
 * benchmark that compares commits with SQLite's synced ones.
 */
export async function startCluster({ durable = false } = {}): Promise<TestCluster> {
  const bin = findBin() ?? installOrExplain();
  if (isRoot()) ensurePostgresUser();
  sweepOrphans(bin);
  const dir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (isRoot()) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const remove = () => {
    try {
      run(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    } catch {
      // Not running (never started, or already stopped): nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Sync, so it runs on every way out: the end of the tests, an uncaught error, Ctrl-C.
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      remove();
      process.exit(130);
    });
  }
  const port = await freePort();
  // Trust on loopback only: a throwaway cluster for this process. No fsync
  // unless durable (a machine that crashes loses a test, no one's data), but
  // every commit reaches the WAL before it is answered (synchronous_commit
  // stays on), so a commit survives the server's own crash, as the restart
  // test checks.
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const sync = durable ? '' : ' -c fsync=off -c full_page_writes=off';
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''${sync} -c max_connections=200`;
  const start = () => run(bin, 'pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '30', '-o', options]);
  start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(whileDown) {
      run(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      try {
        await whileDown?.();
      } finally {
        start();
      }
    },
  };
}

let cluster: Promise<TestCluster> | undefined;

/** The process's PostgreSQL, started on first use. */
export function testCluster(): Promise<TestCluster> {
  cluster ??= process.env.TEST_DATABASE_URL
    ? Promise.resolve({ adminUrl: process.env.TEST_DATABASE_URL })
    : startCluster();
  return cluster;
}

let template: Promise<string> | undefined;
let databases = 0;

/** Runs one statement on the maintenance database (CREATE DATABASE cannot run in a transaction, so no pool). */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: (await testCluster()).adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database of its own (no schema: the storage migrates it);
 * its URL. Copied from an empty template of this process's, so that
 * another process's tests on a shared `TEST_DATABASE_URL` never collide.
 */
export async function testDatabase(): Promise<string> {
  const { adminUrl } = await testCluster();
  const prefix = `news_widget_test_${process.pid}`;
  template ??= admin(`CREATE DATABASE ${prefix}_template TEMPLATE template0 ENCODING 'UTF8'`).then(
    () => `${prefix}_template`,
  );
  const name = `${prefix}_${++databases}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${await template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
