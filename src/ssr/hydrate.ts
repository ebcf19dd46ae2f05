/**
 * The script-tag entry for server-rendered pages (`dist/news-widget.hydrate.js`).
 *
 * The server's markup needs no script to show, so this entry is tiny and
 * waits for the browser to paint that markup before it loads Lit and the
 * elements: evaluating them first held the first paint back by about a
 * seventh of its time, for no visible change.
 */
requestAnimationFrame(() =>
  setTimeout(
    () =>
      void import('./hydrate-elements.js').catch((error) =>
        console.error('news-widget: could not load the elements to hydrate.', error),
      ),
  ),
);
