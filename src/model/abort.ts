/**
 * A signal that aborts when any of `signals` does, with that one's reason.
 * `AbortSignal.any` where the browser has it; before Safari 17.4 and
 * Firefox 124 it is missing, and calling it inside a fetch's `try` would pass
 * for a network failure, so those browsers get the same by hand.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals as AbortSignal[]);
  const combined = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      combined.abort(signal.reason);
      break;
    }
    // Removed once the combined signal aborts, so the inputs do not keep it alive past then.
    signal.addEventListener('abort', () => combined.abort(signal.reason), { once: true, signal: combined.signal });
  }
  return combined.signal;
}
