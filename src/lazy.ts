/**
 * Loads an element's code only when one of its tags comes near the viewport,
 * so a page pays for the comments section when a reader scrolls towards it,
 * not on arrival. Elements added later (by the page, or by a framework) are
 * watched too.
 */

/**
 * How far ahead of the viewport to start loading: two screens, so that a
 * reader scrolling quickly finds the comments in place rather than watching
 * them push the rest of the page down (a layout shift).
 */
const AHEAD = '200% 0px';

export function loadWhenNear(loaders: Record<string, () => Promise<unknown>>): void {
  const pending = new Map(Object.entries(loaders));
  const selector = () => [...pending.keys()].join(',');

  const load = (tag: string) => {
    const loader = pending.get(tag);
    if (!loader) return;
    pending.delete(tag);
    loader().catch((error) => console.error(`news-widget: could not load <${tag}>.`, error));
    if (pending.size === 0) {
      near.disconnect();
      added.disconnect();
    }
  };

  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near.unobserve(entry.target);
        load(entry.target.localName);
      }
    },
    { rootMargin: AHEAD },
  );

  const watch = (root: ParentNode) => {
    if (pending.size === 0) return;
    if (root instanceof Element && pending.has(root.localName)) near.observe(root);
    for (const element of root.querySelectorAll(selector())) near.observe(element);
  };

  const added = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) watch(node);
    }
  });

  watch(document);
  added.observe(document, { childList: true, subtree: true });
}
