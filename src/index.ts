/**
 * news-widget: `<news-article>` and `<news-pullquote>`, defined on import,
 * and the article model. The comments elements have entries of their own
 * (`news-widget/news-comments.js`, `news-widget/news-comments-count.js`), and
 * importing one element's module (`news-widget/news-article.js`) bundles only
 * that element.
 */
export * from './news-article/news-article.js';
export * from './news-pullquote/news-pullquote.js';
export type { Article, PullQuote } from './model/article/article.js';
export { validateArticle, InvalidArticleError } from './model/article/validate.js';
export { ArticleLoadError, type ArticleErrorReason } from './model/article/load.js';
export { articleContext } from './shared/context.js';
