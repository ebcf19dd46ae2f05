/**
 * Keeps an element's "5 minutes ago" texts true as time passes, on the page's
 * one {@link clock}: each text is rewritten in place when it is due, without
 * a render, and the element is off the clock while it is off the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clock as pageClock, type Clock, type Ticking } from './clock.js';
import { nextChange, relativeTime } from './relative-time.js';

export class TimeController implements ReactiveController, Ticking {
  dueAt: number | undefined;

  readonly #host: ReactiveControllerHost & Element;
  readonly #lang: () => string | undefined;
  readonly #clock: Clock;

  /** `lang` is the language the texts are in, read at each tick. */
  constructor(host: ReactiveControllerHost & Element, lang: () => string | undefined, clock: Clock = pageClock) {
    this.#host = host;
    this.#lang = lang;
    this.#clock = clock;
    host.addController(this);
  }

  hostConnected(): void {
    this.#clock.add(this);
  }

  hostDisconnected(): void {
    this.#clock.delete(this);
  }

  /** A render may have added times, or rewritten them: when the next is due may have moved. */
  hostUpdated(): void {
    this.#visit(Date.now(), false);
    this.#clock.schedule();
  }

  tick(now: number): void {
    this.#visit(now, true);
  }

  /** Finds when the next text is due, rewriting each on the way when `write`. */
  #visit(now: number, write: boolean): void {
    let due = Infinity;
    const lang = this.#lang();
    for (const time of this.#host.shadowRoot?.querySelectorAll('time[datetime]') ?? []) {
      const iso = time.getAttribute('datetime')!;
      if (write) time.textContent = relativeTime(iso, now, lang);
      due = Math.min(due, nextChange(iso, now) ?? Infinity);
    }
    this.dueAt = due === Infinity ? undefined : now + due;
  }
}
