/**
 * `<news-article>`, defined on import. The class alone, without a definition,
 * is `news-article.component.js`.
 */
import type { Article } from '../model/article/article.js';
import type { ArticleLoadError } from '../model/article/load-error.js';
import { define } from '../shared/define.js';
import { NewsArticle } from './news-article.component.js';

export { NewsArticle };

define('news-article', NewsArticle);

declare global {
  interface HTMLElementTagNameMap {
    'news-article': NewsArticle;
  }
  interface HTMLElementEventMap {
    'news-article-load': CustomEvent<{ article: Article }>;
    'news-article-error': CustomEvent<{ error: ArticleLoadError }>;
  }
}
