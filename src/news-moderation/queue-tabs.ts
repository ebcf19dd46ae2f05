/**
 * The queues as tabs, each with its count, in the tabs pattern: the open
 * one is the one tab in the Tab order, arrows move between queues (opening
 * each), Home and End go to the ends.
 */
import { html } from 'lit';
import { QUEUES, type ModerationCounts, type Queue } from '../model/comments/moderation.js';
import { QUEUE_LABELS } from './labels.js';

/** `open(queue, focusTab)`: opens a queue, focusing its tab when the keys moved there. */
export function renderQueueTabs(
  current: Queue,
  counts: ModerationCounts | null,
  open: (queue: Queue, focusTab: boolean) => void,
) {
  const onKey = (event: KeyboardEvent) => {
    const at = QUEUES.indexOf(current);
    const to = new Map([
      ['ArrowRight', at + 1],
      ['ArrowLeft', at - 1],
      ['Home', 0],
      ['End', QUEUES.length - 1],
    ]).get(event.key);
    if (to === undefined) return;
    event.preventDefault();
    open(QUEUES[(to + QUEUES.length) % QUEUES.length]!, true);
  };
  return html`<div class="tabs" part="tabs" role="tablist" aria-label="Queues" @keydown=${onKey}>
    ${QUEUES.map(
      (name) => html`<button
        part="tab"
        role="tab"
        id=${`tab-${name}`}
        aria-controls="panel"
        aria-selected=${name === current ? 'true' : 'false'}
        tabindex=${name === current ? 0 : -1}
        @click=${() => open(name, false)}
      >
        ${QUEUE_LABELS[name]} <span class="count">${counts?.[name] ?? '–'}</span>
      </button>`,
    )}
  </div>`;
}
