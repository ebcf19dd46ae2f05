// The whole suite, as `npm test` runs it: the lint checks, browser tests in
// headless Chromium (@web/test-runner) and Node tests (node:test), then one
// line `N passed, N failed` adding them up. Each runner reports its counts
// through a reporter of ours writing JSON to .test-results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium.mjs';
import { lintChecks, runLintCheck } from './lint.mjs';

chromiumPath(); // fail early, with advice, when there is no browser
rmSync('.test-results', { recursive: true, force: true });

const totals = { passed: 0, failed: 0 };

/** Adds the counts a reporter wrote to `file`; a runner that died before writing them counts as one failure. */
function addCounts(file, status) {
  let counted = { passed: 0, failed: 0 };
  try {
    counted = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    counted.failed = 1;
  }
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  if (status !== 0 && counted.failed === 0) totals.failed++;
}

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('The build failed, so no test ran.\n0 passed, 1 failed');
  process.exit(1);
}

// Lint: one check each.
for (const check of lintChecks) {
  if (runLintCheck(check)) totals.passed++;
  else totals.failed++;
}

// Browser tests (scripts/count-reporter.mjs counts them).
const wtr = spawnSync('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { stdio: 'inherit' });
addCounts('.test-results/browser.json', wtr.status);

// Node tests: every *.test.ts under server/, test/node/ and test/conformance/,
// shown by the spec reporter and counted by scripts/node-count-reporter.mjs.
const nodeTests = ['server', join('test', 'node'), join('test', 'conformance')].flatMap((dir) => {
  try {
    return readdirSync(dir, { recursive: true })
      .filter((file) => String(file).endsWith('.test.ts'))
      .map((file) => join(dir, String(file)));
  } catch {
    return [];
  }
});
if (nodeTests.length > 0) {
  mkdirSync('.test-results', { recursive: true });
  const reporters = [
    ['spec', 'stdout'],
    ['./scripts/node-count-reporter.mjs', '.test-results/node.json'],
  ].flatMap(([reporter, destination]) => [`--test-reporter=${reporter}`, `--test-reporter-destination=${destination}`]);
  const node = spawnSync('node', ['--import', 'tsx', '--test', ...reporters, ...nodeTests], { stdio: 'inherit' });
  addCounts('.test-results/node.json', node.status);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
