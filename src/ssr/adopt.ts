/**
 * Hands each server-rendered `<news-article>` its inline article, validated,
 * as its `article` property before the element is defined. The element then
 * shows it on its first render, exactly as the server did, so hydration
 * finds the same DOM; otherwise the inline JSON would be read only after
 * the validator loads, and the first render (a loading state) would not
 * match the server's.
 */
import { readArticle } from '../model/article/load.js';

export function adoptInlineArticles(root: ParentNode = document): void {
  if (globalThis.customElements?.get('news-article')) return; // too late: already upgraded
  for (const element of root.querySelectorAll('news-article')) {
    if (!element.shadowRoot || 'article' in element) continue; // not server-rendered, or given one
    const inline = element.querySelector(':scope > script[type="application/json"]');
    if (!inline) continue;
    try {
      (element as { article?: unknown }).article = readArticle(inline.textContent ?? '', 'The inline article JSON');
    } catch {
      // Left to the element, which reads the JSON again and shows the error.
    }
  }
}
