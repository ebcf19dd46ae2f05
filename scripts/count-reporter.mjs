// A @web/test-runner reporter that writes how many browser tests passed and
// failed to .test-results/browser.json, for scripts/test.mjs to add up.
import { mkdirSync, writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites) count(child, totals);
  return totals;
}

export function countReporter(file = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as a failure.
        if (session.errors.length > 0 || !session.testResults) totals.failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
