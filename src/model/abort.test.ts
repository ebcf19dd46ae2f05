import { expect } from '@open-wc/testing';
import type { anySignal as AnySignal } from './abort.js';

// As in browsers before Safari 17.4 and Firefox 124, and before the module loads.
delete (AbortSignal as { any?: unknown }).any;

describe('anySignal without AbortSignal.any', () => {
  let anySignal: typeof AnySignal;
  before(async () => {
    ({ anySignal } = await import('./abort.js'));
  });

  it('is really missing here', () => {
    expect('any' in AbortSignal).to.equal(false);
  });

  it('combines signals by hand: the first to abort gives its reason', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const combined = anySignal([a.signal, b.signal]);
    expect(combined.aborted).to.equal(false);
    b.abort('b first');
    a.abort('a later');
    expect([combined.aborted, combined.reason]).to.deep.equal([true, 'b first']);
    expect(anySignal([AbortSignal.abort('already')]).reason).to.equal('already');
  });
});
