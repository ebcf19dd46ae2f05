/**
 * Helpers for the package tests: the built package, a headless Chromium and
 * a tiny local HTTP server. No network is used.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
// @ts-expect-error: a plain .mjs helper without type declarations
import { chromiumPath, CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** Files `npm run build` makes that the package tests read. */
const BUILT = ['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/news-widget.hydrate.js', 'custom-elements.json'];

/** Builds the package unless it is built already (`npm test` builds first). */
export function ensureBuilt(): void {
  if (BUILT.every((file) => existsSync(resolve(ROOT, file)))) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/** What the test server answers for a path: a body and its type, or undefined for 404. */
export type Route = (path: string) => Promise<{ body: string | Buffer; type: string } | undefined>;

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `route` on 127.0.0.1 at a free port. */
export async function serve(route: Route): Promise<TestServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    route(path).then(
      (found) => {
        if (!found) return void response.writeHead(404).end();
        response.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-store' }).end(found.body);
      },
      (error) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
