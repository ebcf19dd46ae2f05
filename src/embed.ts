/**
 * The script-tag entry: defines every element, with Lit and the seed
 * article bundled in.
 */
import './news-article/news-article.js';
import './news-pullquote/news-pullquote.js';
