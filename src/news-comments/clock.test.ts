import { expect } from '@open-wc/testing';
import { Clock, type ClockSource, type Ticking } from './clock.js';

// Pure: a hand-driven time and page stand in for the browser's, so no test waits and none touches the DOM.
class ManualTime implements ClockSource {
  time = 0;
  readonly timers: { at: number; run: () => void }[] = [];
  readonly page = Object.assign(new EventTarget(), { hidden: false });
  now = () => this.time;
  after(ms: number, run: () => void) {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return () => this.timers.splice(this.timers.indexOf(timer), 1);
  }
  /** Moves time on to `to`, firing each timer due on the way, at its time. */
  advance(to: number) {
    for (let next = this.#next(); next && next.at <= to; next = this.#next()) {
      this.time = next.at;
      this.timers.splice(this.timers.indexOf(next), 1);
      next.run();
    }
    this.time = to;
  }
  #next() {
    return [...this.timers].sort((a, b) => a.at - b.at)[0];
  }
  setHidden(hidden: boolean) {
    this.page.hidden = hidden;
    this.page.dispatchEvent(new Event('visibilitychange'));
  }
}

/** Ticks at the times given, and records when it was ticked. */
class Watcher implements Ticking {
  readonly ticks: number[] = [];
  constructor(private readonly changes: number[]) {}
  get dueAt() {
    return this.changes.find((at) => !this.ticks.some((tick) => tick >= at));
  }
  tick(now: number) {
    this.ticks.push(now);
  }
}

describe('Clock', () => {
  it('ticks exactly when a text is due, not at a polling interval', () => {
    const time = new ManualTime();
    const clock = new Clock(time);
    const watcher = new Watcher([45_000, 90_000, 150_000]);
    clock.add(watcher);
    time.advance(200_000);
    expect(watcher.ticks).to.deep.equal([45_000, 90_000, 150_000]);
    expect(clock.running).to.equal(false); // nothing more is due
  });

  it('keeps one timer for all its watchers, and ticks only those due', () => {
    const time = new ManualTime();
    const clock = new Clock(time);
    const a = new Watcher([10_000, 30_000]);
    const b = new Watcher([20_000]);
    clock.add(a);
    clock.add(b);
    expect(time.timers).to.have.length(1);
    time.advance(25_000);
    expect(a.ticks).to.deep.equal([10_000]);
    expect(b.ticks).to.deep.equal([20_000]);
    expect(time.timers).to.have.length(1);
  });

  it('sleeps while the page is hidden and catches up when it shows again', () => {
    const time = new ManualTime();
    const clock = new Clock(time);
    const watcher = new Watcher([10_000, 20_000, 500_000]);
    clock.add(watcher);
    time.setHidden(true);
    expect(clock.running).to.equal(false);
    time.advance(100_000);
    expect(watcher.ticks).to.deep.equal([]);
    time.setHidden(false);
    expect(watcher.ticks).to.deep.equal([100_000]); // both changes at once, on return
    expect(clock.running).to.equal(true);
  });

  it('stops, and stops listening to the page, when its last watcher leaves', () => {
    const time = new ManualTime();
    const clock = new Clock(time);
    const watcher = new Watcher([10_000]);
    clock.add(watcher);
    clock.delete(watcher);
    expect(clock.running).to.equal(false);
    expect(time.timers).to.have.length(0);
    time.setHidden(true);
    time.setHidden(false); // a listener left behind would tick here
    expect(watcher.ticks).to.deep.equal([]);
  });

  it('waits no longer than a timer can, for a text due in years', () => {
    const time = new ManualTime();
    const clock = new Clock(time);
    clock.add(new Watcher([10 * 365 * 86400_000]));
    expect(time.timers[0]!.at).to.equal(2 ** 31 - 1);
  });
});
