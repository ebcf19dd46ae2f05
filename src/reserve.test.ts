/**
 * The room held for `<news-comments>` before its code loads must be the room
 * its loading state takes, or the page moves when it appears. This file
 * measures both: the element is not defined until the second half.
 */
import { expect } from '@open-wc/testing';
import type { CommentStore } from './stores/store.js';
import { reserveCommentsRoom } from './reserve.js';

/** A store that never answers, so the element stays in its loading state. */
const waiting = (kind: CommentStore['kind']): CommentStore => {
  const never = () => new Promise<never>(() => {});
  return { kind, list: never, replies: never, count: never, post: never, recommend: never, flag: never };
};

const CASES = [
  { name: 'comments kept in this browser', attrs: {}, kind: 'local' },
  { name: 'comments from a server', attrs: { endpoint: 'https://comments.example' }, kind: 'remote' },
  {
    name: 'a server, and the page gives count="30"',
    attrs: { endpoint: 'https://comments.example', count: '30' },
    kind: 'remote',
  },
  { name: 'count="1"', attrs: { count: '1' }, kind: 'local' },
] as const;

function place(attrs: Record<string, string>): HTMLElement {
  const el = document.createElement('news-comments');
  el.setAttribute('article-id', 'reserve-test');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  // In a column as wide as an article's, with the page's own font size, as on a news site.
  const column = document.createElement('div');
  column.style.cssText = 'width: 40em; font: 18px/1.5 Georgia, serif';
  column.append(el);
  document.body.append(column);
  return el;
}

describe('reserveCommentsRoom', () => {
  it('holds, for an undefined <news-comments>, the height its loading state then takes', async () => {
    expect(customElements.get('news-comments'), 'this test must run before the element is defined').to.equal(undefined);
    const before = document.adoptedStyleSheets.length;
    reserveCommentsRoom();
    expect(document.adoptedStyleSheets.length, 'the page keeps its own sheets').to.equal(before + 1);

    const reserved = CASES.map(({ attrs }) => {
      const el = place(attrs);
      const height = el.getBoundingClientRect().height;
      el.parentElement!.remove();
      return height;
    });

    await import('./news-comments/news-comments.js');
    for (const [i, { name, attrs, kind }] of CASES.entries()) {
      const el = place(attrs) as HTMLElement & { store?: CommentStore; updateComplete: Promise<boolean> };
      el.store = waiting(kind);
      await el.updateComplete;
      const loading = el.getBoundingClientRect().height;
      expect(el.shadowRoot!.querySelector('[part="skeleton"]'), `${name}: loading`).to.exist;
      // Within a pixel: the page below does not visibly move.
      expect(
        Math.abs(loading - reserved[i]!),
        `${name}: reserved ${reserved[i]} px, loading ${loading} px`,
      ).to.be.below(1);
      el.parentElement!.remove();
    }
  });

  it('styles nothing once the element is defined, and no other element', async () => {
    await import('./news-comments/news-comments.js');
    const el = place({});
    (el as HTMLElement & { store?: CommentStore }).store = waiting('remote');
    expect(getComputedStyle(el).minHeight).to.equal('0px');
    const other = document.body.appendChild(document.createElement('news-other'));
    expect(getComputedStyle(other).minHeight).to.equal('0px');
    expect(getComputedStyle(other).display).to.equal('inline');
    other.remove();
    el.parentElement!.remove();
  });
});
