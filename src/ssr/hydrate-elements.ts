/**
 * What `dist/news-widget.hydrate.js` loads once the page has painted: the
 * hydrate support first, then `<news-article>` and `<news-pullquote>`, so the
 * elements adopt the server's declarative shadow DOM instead of rendering it
 * again. Import order is evaluation order inside the chunk.
 */
import './hydrate-support.js';
import '../news-article/news-article.js';
// Up front, so an article with blocks renders on its first update as the server did.
import '../news-article/blocks.js';
import '../news-pullquote/news-pullquote.js';
