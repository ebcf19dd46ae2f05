/**
 * The open queue's panel, under its tab: its comments in a list (one of
 * them in the Tab order, the one the keys act on), or why there are none,
 * and the button for the next page.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ModeratedComment } from '../model/comments/moderation.js';
import { QUEUE_LABELS } from './labels.js';
import { renderItem, type ItemContext } from './moderation-item.js';
import type { QueueController } from './queue-controller.js';

/** `item(comment, index)`: what the comment at `index` of the list renders with. */
export function renderQueuePanel(
  queue: QueueController,
  item: (comment: ModeratedComment, index: number) => ItemContext,
) {
  return html`<div class="panel" id="panel" role="tabpanel" aria-labelledby=${`tab-${queue.queue}`} tabindex="-1" aria-busy=${queue.loading ? 'true' : 'false'}>
    ${
      queue.comments.length === 0
        ? html`<p class="empty">${queue.loading ? 'Loading…' : 'No comments in this queue.'}</p>`
        : html`<ol class="list" part="list" aria-label=${`${QUEUE_LABELS[queue.queue]} comments`}>
          ${repeat(
            queue.comments,
            (comment) => comment.id,
            (comment, index) => renderItem(comment, item(comment, index)),
          )}
        </ol>`
    }
    ${
      queue.nextCursor
        ? html`<button part="button" class="more" ?disabled=${queue.loading} @click=${() => void queue.more()}>Load more</button>`
        : nothing
    }
  </div>`;
}
