/**
 * `<news-comments>`: importing this module defines the element (once per
 * page). An app that wants another tag imports the class from
 * `news-comments.component.js` and defines it itself.
 */
import { define } from '../shared/define.js';
import { NewsComments, type CommentPostedDetail, type CommentsErrorDetail } from './news-comments.component.js';

export { NewsComments, type CommentPostedDetail, type CommentsErrorDetail } from './news-comments.component.js';

define('news-comments', NewsComments);

declare global {
  interface HTMLElementTagNameMap {
    'news-comments': NewsComments;
  }
  interface HTMLElementEventMap {
    'news-comment-posted': CustomEvent<CommentPostedDetail>;
    'news-comments-error': CustomEvent<CommentsErrorDetail>;
  }
}
