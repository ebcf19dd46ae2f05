/**
 * The script-tag entry: defines the article and pull quote at once, with Lit
 * and the seed article bundled in, and the comments elements when one of
 * them nears the viewport, so the first module stays small.
 */
import './news-article/news-article.js';
import './news-pullquote/news-pullquote.js';
import { loadWhenNear } from './lazy.js';
import { reserveCommentsRoom } from './reserve.js';

reserveCommentsRoom();

loadWhenNear({
  'news-comments': () => import('./news-comments/news-comments.js'),
  'news-comments-count': () => import('./news-comments-count/news-comments-count.js'),
});
