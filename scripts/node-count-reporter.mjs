// A node:test reporter (`--test-reporter`) that writes how many Node tests
// passed and failed, as JSON, to its destination, for scripts/test.mjs to add
// up; the spec reporter beside it shows them.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    // A suite passes or fails with its tests, which are counted themselves.
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) totals.skipped++;
    else if (type === 'test:pass') totals.passed++;
    else totals.failed++;
  }
  yield JSON.stringify(totals);
}
