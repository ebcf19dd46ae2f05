/** How one comment and one thread render; the element owns the state and passes it in. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Comment, CommentThread } from '../model/comments/contract.js';
import { countOf } from '../shared/count-label.js';
import { authorControls, renderEditor, type AuthoringView } from './comment-authoring.js';
import { linkify } from './linkify.js';
import { absoluteTime, relativeTime } from './relative-time.js';

export interface ItemContext {
  readonly lang: string | undefined;
  /** When the list rendered; the element's clock updates the texts in between. */
  readonly now: number;
  readonly recommended: ReadonlySet<string>;
  readonly flagged: ReadonlySet<string>;
  /** The comment whose flag is waiting for confirmation. */
  readonly confirmingFlag: string | undefined;
  /** The comment a permalink pointed to. */
  readonly highlighted: string | undefined;
  /** Threads loading more replies, or whose last load failed (with the reason). */
  readonly replyLoads: ReadonlyMap<string, ReplyLoad>;
  readonly moreReplies: (thread: CommentThread, direction: 'next' | 'prev') => void;
  readonly reply: (comment: Comment) => void;
  readonly recommend: (comment: Comment) => void;
  readonly askFlag: (comment: Comment) => void;
  readonly confirmFlag: (comment: Comment) => void;
  readonly cancelFlag: () => void;
  /** Edit and Delete of the reader's own comments. */
  readonly authoring: AuthoringView;
}

/** A thread's replies loading in one direction; `error` once that load failed. */
export interface ReplyLoad {
  readonly direction: 'next' | 'prev';
  readonly error?: string;
}

/** The id a comment's element has in the shadow root, and the hash of its permalink. */
export const anchorOf = (id: string) => `comment-${id}`;

function flagControls(comment: Comment, context: ItemContext): TemplateResult {
  if (context.flagged.has(comment.id)) return html`<span class="flagged" part="flagged">Flagged</span>`;
  if (context.confirmingFlag === comment.id) {
    return html`<span class="confirm" role="group" aria-label="Flag this comment">
      <span>Flag for moderators?</span>
      <button type="button" part="button" class="confirm-flag" @click=${() => context.confirmFlag(comment)}>Yes, flag</button>
      <button type="button" part="button" @click=${context.cancelFlag}>Cancel</button>
    </span>`;
  }
  return html`<button type="button" part="button" class="flag" @click=${() => context.askFlag(comment)}>
    Flag<span class="visually-hidden"> comment by ${comment.author}</span>
  </button>`;
}

/** What is left of a deleted comment kept for its replies: a mark, with no author, text or actions. */
function renderDeleted(comment: Comment): TemplateResult {
  return html`<article class="comment deleted" part="comment deleted" id=${anchorOf(comment.id)} tabindex="-1" aria-label="Deleted comment">
    <p class="text" part="text">This comment was deleted</p>
  </article>`;
}

/** One comment. `pending` is the reader's own comment while it is being posted. */
export function renderComment(comment: Comment, context: ItemContext, pending = false): TemplateResult {
  if (comment.deleted) return renderDeleted(comment);
  const anchor = anchorOf(comment.id);
  const pressed = context.recommended.has(comment.id);
  return html`<article
    class="comment"
    part="comment"
    id=${anchor}
    tabindex="-1"
    aria-labelledby=${`${anchor}-author`}
    aria-busy=${ifDefined(pending ? 'true' : undefined)}
    ?data-highlight=${context.highlighted === comment.id}
  >
    <header class="meta">
      <span class="author" part="author" id=${`${anchor}-author`} dir="auto">${comment.author}</span>
      <time
        part="time"
        datetime=${comment.createdAt}
        title=${absoluteTime(comment.createdAt, context.lang)}
        .textContent=${relativeTime(comment.createdAt, context.now, context.lang)}
      ></time>
      ${comment.edited ? html`<span class="edited" part="edited">edited</span>` : nothing}
      ${comment.featured ? html`<span class="pick" part="pick">Editors’ pick</span>` : nothing}
    </header>
    ${renderEditor(comment, context.authoring) ?? html`<p class="text" part="text" dir="auto">${linkify(comment.text)}</p>`}
    ${
      pending
        ? html`<p class="status" part="status">Posting…</p>`
        : comment.status === 'pending'
          ? heldNote(comment, context)
          : html`<div class="actions" part="actions">
          <button type="button" part="button" class="reply" @click=${() => context.reply(comment)}>
            Reply<span class="visually-hidden"> to ${comment.author}</span>
          </button>
          <button
            type="button"
            part="button recommend"
            class="recommend"
            aria-pressed=${pressed ? 'true' : 'false'}
            aria-disabled=${ifDefined(pressed ? 'true' : undefined)}
            @click=${() => context.recommend(comment)}
          >
            Recommend <span class="count">${comment.recommends}</span>
          </button>
          ${flagControls(comment, context)}
          ${authorControls(comment, context.authoring, context.now)}
          <a class="permalink" part="permalink" href=${`#${anchor}`}>
            Link<span class="visually-hidden"> to comment by ${comment.author}</span>
          </a>
        </div>`
    }
  </article>`;
}

/**
 * The reader's own comment held for review: no one else sees it, so no one
 * can answer or recommend it yet; its author may still change or take it back.
 */
function heldNote(comment: Comment, context: ItemContext): TemplateResult {
  return html`<p class="status held" part="held">Awaiting review: only you can see it until a moderator approves it.</p>
    <div class="actions" part="actions">${authorControls(comment, context.authoring, context.now)}</div>`;
}

/** The button that shows a thread's replies before or after those shown, with the failure of its last try. */
function moreReplies(thread: CommentThread, direction: 'next' | 'prev', context: ItemContext) {
  if (!(direction === 'next' ? thread.repliesNextCursor : thread.repliesPrevCursor)) return nothing;
  const load = context.replyLoads.get(thread.id);
  const failed = load?.direction === direction ? load.error : undefined;
  const busy = load !== undefined && !load.error;
  const unseen = thread.replyCount - thread.replies.length;
  // A count that lags behind what was sent (or is no number) cannot say how many are left; the cursor says some are.
  const label =
    direction === 'prev'
      ? 'Show earlier replies'
      : thread.repliesPrevCursor
        ? 'Show later replies'
        : unseen > 0
          ? `Show ${countOf(unseen, 'more reply', 'more replies', context.lang)}`
          : 'Show more replies';
  return html`${failed ? html`<p class="error" part="error" role="alert">Replies could not be loaded. ${failed}</p>` : nothing}
    <button type="button" part="button more-replies" class=${`more-replies ${direction}`} ?disabled=${busy} @click=${() => context.moreReplies(thread, direction)}>
      ${
        load?.direction === direction && busy
          ? html`Loading replies<span class="visually-hidden"> to ${thread.author}</span>…`
          : html`${failed ? `Retry: ${label.toLowerCase()}` : label}<span class="visually-hidden"> to ${thread.author}</span>`
      }
    </button>`;
}

/** A top-level comment with its replies; `pending` is appended when it is a reply to this thread. */
export function renderThread(thread: CommentThread, context: ItemContext, pending?: Comment): TemplateResult {
  const replies = thread.replies.length > 0 || pending;
  return html`<li class="thread" part="thread">
    ${renderComment(thread, context)}
    ${moreReplies(thread, 'prev', context)}
    ${
      replies
        ? // Safari drops the list semantics of a list with `list-style: none` unless the role is explicit.
          // eslint-disable-next-line lit-a11y/no-redundant-role
          html`<ol class="replies" part="replies" role="list">
          ${repeat(
            thread.replies,
            (reply) => reply.id,
            (reply) => html`<li>${renderComment(reply, context)}</li>`,
          )}
          ${pending ? html`<li>${renderComment(pending, context, true)}</li>` : nothing}
        </ol>`
        : nothing
    }
    ${moreReplies(thread, 'next', context)}
  </li>`;
}
