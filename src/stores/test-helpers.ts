/** Helpers shared by the comment store tests. */
import { expect } from '@open-wc/testing';
import { CommentStoreError } from './store.js';

/** The CommentStoreError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<CommentStoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CommentStoreError);
    return error as CommentStoreError;
  }
  throw new Error('expected a rejection');
}

/** A clock that moves one second per reading, so comments have distinct, ordered times (from an hour ago by default). */
export function ticking(start = Date.now() - 3600_000) {
  let t = start;
  return () => new Date((t += 1000));
}

/** Runs `body` with console.warn silenced: for code that warns on purpose, whose warning would only be noise in the test output. */
export async function withoutWarnings<T>(body: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await body();
  } finally {
    console.warn = warn;
  }
}

/** The Web Storage interface over a Map: a storage of a test's own, empty at first. */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
  /** Everything stored, to look for what must not be there. */
  values(): string[] {
    return [...this.#items.values()];
  }
}
