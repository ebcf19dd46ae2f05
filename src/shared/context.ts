/**
 * The article context: `<news-article>` provides its article to the elements
 * inside it (`<news-pullquote>`, `<news-comments>`).
 *
 * The key is a string, not a Symbol, so that two copies of this library on one
 * page (the script tag and an npm bundle) still find each other.
 */
import { createContext } from '@lit/context';
import type { Article } from '../model/article/article.js';

export const articleContext = createContext<Article | undefined>('news-widget/article');
