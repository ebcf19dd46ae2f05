/**
 * news-widget: every element, defined on import, and the article model.
 * Import one element's module instead (`news-widget/news-article.js`) to
 * bundle only that element.
 */
export * from './news-article/news-article.js';
export * from './news-pullquote/news-pullquote.js';
export type { Article, PullQuote } from './article/article.js';
export { validateArticle, InvalidArticleError } from './article/validate.js';
export { ArticleLoadError, type ArticleErrorReason } from './article/load.js';
export { articleContext } from './context.js';
