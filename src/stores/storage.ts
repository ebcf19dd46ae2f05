/**
 * Access to `localStorage` that never throws: in a sandboxed iframe, with
 * cookies blocked or in some private modes merely reading
 * `window.localStorage` throws, and writing can fail on quota.
 */

/** The page's `localStorage`, or null when this browser refuses to give it. */
export function openStorage(): Storage | null {
  try {
    // No probe write here: a full storage still reads, and reading is what
    // keeps what readers wrote earlier.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readItem(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Returns whether the value was kept. */
export function writeItem(storage: Storage | null, key: string, value: string | null): boolean {
  if (!storage) return false;
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** JSON.parse that answers undefined for anything it cannot read. */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
