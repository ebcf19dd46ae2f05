import { expect } from '@open-wc/testing';
import { nextChange, relativeTime } from './relative-time.js';

// Pure: no DOM, only Intl.
const now = Date.parse('2026-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const say = (seconds: number) => relativeTime(ago(seconds), now, 'en');

describe('relativeTime rounding', () => {
  it('reads "now" under 45 seconds, then a minute', () => {
    expect(say(0)).to.equal('now');
    expect(say(44)).to.equal('now');
    expect(say(45)).to.equal('1 minute ago');
    expect(say(89)).to.equal('1 minute ago');
    expect(say(90)).to.equal('2 minutes ago');
  });

  it('never counts 60 minutes, 24 hours, 7 days or 12 months', () => {
    expect(say(44 * MINUTE)).to.equal('44 minutes ago');
    expect(say(45 * MINUTE)).to.equal('1 hour ago');
    expect(say(59.6 * MINUTE)).to.equal('1 hour ago');
    expect(say(21 * HOUR)).to.equal('21 hours ago');
    expect(say(22 * HOUR)).to.equal('yesterday');
    expect(say(23.6 * HOUR)).to.equal('yesterday');
    expect(say(6 * DAY)).to.equal('6 days ago');
    expect(say(6.6 * DAY)).to.equal('last week');
    expect(say(24 * DAY)).to.equal('3 weeks ago');
    expect(say(25 * DAY)).to.equal('last month');
    expect(say(310 * DAY)).to.equal('10 months ago');
    expect(say(330 * DAY)).to.equal('last year');
    expect(say(364 * DAY)).to.equal('last year');
    expect(say(800 * DAY)).to.equal('2 years ago');
  });

  it('never puts a past event in the future: a clock ahead of the reader reads "now"', () => {
    expect(say(-90)).to.equal('now');
    expect(say(-3 * HOUR)).to.equal('now');
  });

  it('never reads a number beyond its unit, at any age', () => {
    for (let seconds = 0; seconds < 3 * 365 * DAY; seconds += 997) {
      const text = say(seconds);
      expect(text, `${seconds}s`).not.to.match(/^(60 minutes|24 hours|7 days|12 months)|^in /);
    }
  });
});

describe('nextChange', () => {
  it('is when the text changes next, to the millisecond', () => {
    const probe = (seconds: number) => {
      const wait = nextChange(ago(seconds), now)!;
      expect(wait, `${seconds}s`).to.be.greaterThan(0);
      const before = relativeTime(ago(seconds), now + wait - 1, 'en');
      const after = relativeTime(ago(seconds), now + wait, 'en');
      expect(before, `${seconds}s, just before`).to.equal(say(seconds));
      expect(after, `${seconds}s, at the change`).not.to.equal(before);
    };
    for (const seconds of [
      -90,
      0,
      44,
      45,
      89,
      300,
      44 * MINUTE,
      3 * HOUR,
      21.9 * HOUR,
      3 * DAY,
      6.4 * DAY,
      20 * DAY,
      100 * DAY,
      400 * DAY,
    ]) {
      probe(seconds);
    }
  });

  it('is 45 seconds after a comment just posted, and the half minute after that', () => {
    expect(nextChange(ago(0), now)).to.equal(45_000);
    expect(nextChange(ago(45), now)).to.equal(45_000); // 1 minute ago until 1.5 minutes
    expect(nextChange(ago(5 * MINUTE), now)).to.equal(30_000);
  });

  it('is undefined for a date that is not one', () => {
    expect(nextChange('soon', now)).to.equal(undefined);
    expect(relativeTime('soon', now, 'en')).to.equal('');
  });
});
