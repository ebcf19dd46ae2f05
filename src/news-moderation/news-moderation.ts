/**
 * `<news-moderation>`: importing this module defines the element (once per
 * page). An app that wants another tag imports the class from
 * `news-moderation.component.js` and defines it itself.
 */
import { define } from '../shared/define.js';
import { NewsModeration } from './news-moderation.component.js';

export { NewsModeration } from './news-moderation.component.js';
export type { DecisionPath, ModerationApi, QueueRequest } from './moderation-client.js';
export { ModerationError } from './moderation-error.js';

define('news-moderation', NewsModeration);

declare global {
  interface HTMLElementTagNameMap {
    'news-moderation': NewsModeration;
  }
}
