/**
 * Loads an element's code only when one of its tags comes near the viewport,
 * so a page pays for the comments section when a reader scrolls towards it,
 * not on arrival. Elements added later (by the page, or by a framework) are
 * watched too, and so are those inside the open shadow roots of the page's
 * own components: an app's web component may render a `<news-comments>` in
 * its shadow root, where a document's observers and queries never look.
 * Closed shadow roots are closed to us too.
 */

/**
 * How far ahead of the viewport to start loading: two screens, so that a
 * reader scrolling quickly finds the comments in place rather than watching
 * them push the rest of the page down (a layout shift).
 */
const AHEAD = '200% 0px';

export function loadWhenNear(loaders: Record<string, () => Promise<unknown>>): void {
  const pending = new Map(Object.entries(loaders));
  /** The document and the shadow roots already watched. */
  const roots = new WeakSet<Node>();

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

  /** Watches our tags in `root` and its descendants, and the shadow roots among them, now or once their element is defined. */
  const find = (root: ParentNode) => {
    if (pending.size === 0) return;
    for (const element of root instanceof Element
      ? [root, ...root.querySelectorAll('*')]
      : root.querySelectorAll('*')) {
      if (pending.has(element.localName)) near.observe(element);
      else if (element.shadowRoot) watch(element.shadowRoot);
      // A component the page defines later attaches its shadow root when it upgrades.
      else if (!element.matches(':defined'))
        void customElements.whenDefined(element.localName).then(() => find(element));
    }
  };

  const added = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) find(node);
    }
  });

  const watch = (root: Document | ShadowRoot) => {
    if (roots.has(root)) return;
    roots.add(root);
    added.observe(root, { childList: true, subtree: true });
    find(root);
  };

  watch(document);
}
