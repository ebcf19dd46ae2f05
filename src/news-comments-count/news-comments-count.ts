/**
 * `<news-comments-count>`, defined on import. The class alone, without a
 * definition, is `news-comments-count.component.js`.
 */
import { define } from '../shared/define.js';
import { NewsCommentsCount } from './news-comments-count.component.js';

export { NewsCommentsCount };

define('news-comments-count', NewsCommentsCount);

declare global {
  interface HTMLElementTagNameMap {
    'news-comments-count': NewsCommentsCount;
  }
}
