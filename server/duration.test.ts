import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from './duration.js';

test('durations in seconds, minutes, hours and days; anything else is refused', () => {
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration(' 1h '), 3_600_000);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('0s'), 0);
  for (const bad of ['', '15', 'm', '1.5h', '-1m', '1w', '15 m', '1h30m', '9999999999s']) {
    assert.equal(parseDuration(bad), null, bad);
  }
});
