/**
 * `news-widget/hydrate-support.js`: import it before any element module on a
 * page rendered with `news-widget/ssr`, so the elements adopt the server's
 * declarative shadow DOM instead of rendering again:
 *
 * ```js
 * import 'news-widget/hydrate-support.js';
 * import 'news-widget/news-article.js';
 * import 'news-widget/news-pullquote.js';
 * ```
 *
 * It loads Lit's hydrate support (which must run before Lit's LitElement
 * module) and gives server-rendered articles their data up front. Run it
 * after the page is parsed: a module script, or a script at the end of
 * `<body>`.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { adoptInlineArticles } from './adopt.js';

adoptInlineArticles();
