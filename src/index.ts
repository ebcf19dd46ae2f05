/**
 * news-widget: `<news-article>` and `<news-pullquote>`, defined on import
 * (so `package.json` lists this module among those with side effects), their
 * classes, and the article model. The comments elements have entries of their
 * own (`news-widget/news-comments.js`, `news-widget/news-comments-count.js`);
 * importing one element's module (`news-widget/news-article.js`) bundles only
 * that element, and its `.component.js` module is the class alone, defined
 * nowhere, for an app that registers it under a tag name of its own.
 */
export * from './news-article/news-article.js';
export * from './news-pullquote/news-pullquote.js';
export type { Article, PullQuote } from './model/article/article.js';
export { validateArticle, InvalidArticleError } from './model/article/validate.js';
export { ArticleLoadError, type ArticleErrorReason } from './model/article/load.js';
export { articleContext } from './shared/context.js';
