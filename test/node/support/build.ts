/**
 * Helpers for Node tests: the built package and bundles, and a headless
 * Chromium. No network is used (pages are served by
 * `test/support/static-server.ts`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
// @ts-expect-error: a plain .mjs helper without type declarations
import { AWAKE_FLAGS, chromiumPath, CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** Files `npm run build` makes that Node tests read. */
const BUILT = [
  'dist/news-widget.js',
  'dist/news-widget.classic.js',
  'dist/news-widget.hydrate.js',
  'dist/lib/index.js',
  'dist/lib/index.d.ts',
  'dist/moderation/news-moderation.js',
  'custom-elements.json',
];

/** Whether every built file is there, with every chunk the module bundle imports. */
function complete(): boolean {
  if (!BUILT.every((file) => existsSync(resolve(ROOT, file)))) return false;
  const entry = readFileSync(resolve(ROOT, 'dist/news-widget.js'), 'utf8');
  const chunks = entry.match(/(?<=["'`]\.\/)chunks\/[\w.-]+\.js(?=["'`])/g) ?? [];
  return chunks.every((chunk) => existsSync(resolve(ROOT, 'dist', chunk)));
}

/** Builds unless everything is built already (`npm test` builds first). */
export function ensureBuilt(): void {
  if (complete()) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !complete()) throw new Error('npm run build failed to make what the tests load');
}

/** Headless Chromium with every page kept awake, as tests run pages side by side. */
export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...AWAKE_FLAGS],
  });
}
