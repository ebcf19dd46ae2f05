/**
 * `<news-pullquote>`, defined on import. The class alone, without a
 * definition, is `news-pullquote.component.js`.
 */
import { define } from '../shared/define.js';
import { NewsPullquote } from './news-pullquote.component.js';

export { NewsPullquote };

define('news-pullquote', NewsPullquote);

declare global {
  interface HTMLElementTagNameMap {
    'news-pullquote': NewsPullquote;
  }
}
