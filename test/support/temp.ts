/**
 * Temporary directories for Node tests that need real files (SQLite
 * databases), removed when the test file ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh directory, removed after the current test file. */
export function tempDir(prefix = 'news-widget-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;

/** A path for a new database file in a fresh temporary directory. */
export const tempDbPath = (): string => join(tempDir(), `comments-${++counter}.db`);
