/** How the list renders: its placeholder, failure, invitation, threads and paging buttons; the list controller owns the state. */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LIMITS, type Comment } from '../model/comments/contract.js';
import { renderComment, renderThread, type ItemContext } from './comment-item.js';
import type { ListController } from './list-controller.js';
import type { Direction } from './threads.js';

export interface ListView {
  readonly list: ListController;
  readonly item: ItemContext;
  /** The reader's comment being posted, shown where it will be. */
  readonly pending: Comment | undefined;
  /** How many comments the page expects, for the placeholder. */
  readonly expected: number | undefined;
  readonly retry: () => void;
}

function more({ list }: ListView, direction: Direction) {
  if (!(direction === 'next' ? list.nextCursor : list.prevCursor)) return nothing;
  const label = direction === 'next' ? 'Load more comments' : 'Load earlier comments';
  return html`
    ${list.moreError ? html`<p class="error" part="error" role="alert">More comments could not be loaded. ${list.moreError.message}</p>` : nothing}
    <button type="button" part="button load-more" class=${`more ${direction}`} ?disabled=${list.loadingMore} @click=${() => list.loadMore(direction)}>
      ${list.loadingMore ? 'Loading…' : list.moreError ? `Retry: ${label.toLowerCase()}` : label}
    </button>
  `;
}

export function renderList(view: ListView): TemplateResult {
  const { list, item, pending } = view;
  if (list.loadError) {
    return html`<div class="error" part="error" role="alert">
      <p>Comments could not be loaded. ${list.loadError.message}</p>
      <button type="button" part="button" class="retry" @click=${view.retry}>Retry</button>
    </div>`;
  }
  if (list.loading && list.threads.length === 0) {
    const rows = Math.min(view.expected ?? list.total ?? 3, LIMITS.pageSize);
    // One placeholder row per expected comment, as elements: a style attribute would break a strict CSP.
    return html`<div class="skeleton" part="skeleton" aria-hidden="true">${Array.from({ length: rows }, () => html`<div></div>`)}</div>`;
  }
  if (list.threads.length === 0 && !pending) {
    return html`<p class="empty" part="empty">No comments yet. Be the first to share your thoughts.</p>`;
  }
  const pendingTop = pending && !pending.parentId ? pending : undefined;
  // Safari drops the list semantics of a list with `list-style: none` unless the role is explicit.
  /* eslint-disable lit-a11y/no-redundant-role */
  return html`
    ${more(view, 'prev')}
    <ol class="list" part="list" role="list" aria-busy=${list.loading ? 'true' : 'false'}>
      ${pendingTop ? html`<li class="thread" part="thread">${renderComment(pendingTop, item, true)}</li>` : nothing}
      ${repeat(
        list.threads,
        (thread) => thread.id,
        (thread) => renderThread(thread, item, pending?.parentId === thread.id ? pending : undefined),
      )}
    </ol>
    ${more(view, 'next')}
  `;
  /* eslint-enable lit-a11y/no-redundant-role */
}
