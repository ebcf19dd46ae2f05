// The whole suite, as `npm test` runs it: browser tests in headless Chromium
// (@web/test-runner) and Node tests of the server (node:test), then one line
// `N passed, N failed` adding both up.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium.mjs';

chromiumPath(); // fail early, with advice, when there is no browser
rmSync('.test-results', { recursive: true, force: true });

const run = (command, args) => spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const totals = { passed: 0, failed: 0 };

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('The build failed, so no test ran.\n0 passed, 1 failed');
  process.exit(1);
}

// Browser tests.
const wtr = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { stdio: 'inherit' });
try {
  const browser = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
  totals.passed += browser.passed;
  totals.failed += browser.failed;
} catch {
  totals.failed++; // the runner died before reporting
}
if (wtr.status !== 0 && totals.failed === 0) totals.failed++;

// Node tests: every *.test.ts under server/ and test/node/.
const nodeTests = ['server', join('test', 'node')].flatMap((dir) => {
  try {
    return readdirSync(dir, { recursive: true })
      .filter((file) => String(file).endsWith('.test.ts'))
      .map((file) => join(dir, String(file)));
  } catch {
    return [];
  }
});
if (nodeTests.length > 0) {
  const node = run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeTests]);
  process.stdout.write(node.stdout);
  const pass = Number(/^ℹ pass (\d+)$/m.exec(node.stdout)?.[1] ?? 0);
  const fail = Number(/^ℹ fail (\d+)$/m.exec(node.stdout)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += fail;
  if (node.status !== 0 && fail === 0) totals.failed++;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
