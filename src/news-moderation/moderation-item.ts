/**
 * One comment as a moderator sees it: its text (marked where a banned word
 * held it), why it was held, where it was posted and what it answers, its
 * author's record, readers' flags, its status, and the decisions to make.
 * Every word from the data is bound as text, never as HTML.
 */
import { html, nothing } from 'lit';
import type { BanResult, ModeratedComment, ModerationAction } from '../model/comments/moderation.js';
import { markBanned } from './marks.js';
import { reasonLabel, STATUS_LABELS } from './labels.js';

/** What an item needs from the element: its place, its state, and the decisions to call. */
export interface ItemContext {
  readonly current: boolean;
  readonly busy: boolean;
  /** Why the last decision on it was refused, if it was. */
  readonly note: string | undefined;
  readonly time: Intl.DateTimeFormat;
  focused(): void;
  decide(action: ModerationAction): void;
  /** The ban of its author done this visit, if any. */
  readonly ban: BanResult | undefined;
  /** Opens the confirmation to ban its author. */
  askBan(): void;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A DOM id for one of the comment's parts; ids are opaque, so only their safe characters are kept. */
export const idFor = (part: string, comment: ModeratedComment) => `${part}-${comment.id.replace(/[^\w-]/g, '_')}`;

export function renderItem(comment: ModeratedComment, context: ItemContext) {
  const { current, busy, note } = context;
  const author = comment.author || 'A reader';
  const featured = comment.featured === true;
  const published = comment.status === 'published';
  return html`<li
    class="comment"
    part="comment"
    tabindex=${current ? 0 : -1}
    data-id=${comment.id}
    aria-labelledby=${idFor('author', comment)}
    aria-describedby=${`${idFor('status', comment)} ${idFor('text', comment)}`}
    aria-busy=${busy ? 'true' : 'false'}
    @focusin=${() => context.focused()}
  >
    <p class="meta">
      <strong class="author" id=${idFor('author', comment)}>${author}</strong>
      <time datetime=${comment.createdAt}>${context.time.format(new Date(comment.createdAt))}</time>
      <span class="status" part="status" id=${idFor('status', comment)}
        >${STATUS_LABELS[comment.status]}${featured ? ', editors’ pick' : ''}${banNote(context)}</span
      >
    </p>
    ${
      comment.parent
        ? html`<p class="parent">
          In reply to <strong>${comment.parent.author || 'a reader'}</strong>:
          <q>${comment.parent.text}</q>
        </p>`
        : nothing
    }
    <p class="text" part="text" id=${idFor('text', comment)}>${markBanned(comment.text, comment.reasons).map((run) =>
      run.marked ? html`<mark>${run.text}</mark>` : run.text,
    )}</p>
    ${
      comment.reasons.length > 0
        ? html`<p class="reasons-label" id=${idFor('reasons', comment)}>Held because:</p>
          <ul class="reasons" part="reasons" aria-labelledby=${idFor('reasons', comment)}>
            ${comment.reasons.map((reason) => html`<li>${reasonLabel(reason)}</li>`)}
          </ul>`
        : nothing
    }
    <dl class="facts">
      <div><dt>Article</dt><dd>${comment.articleId}</dd></div>
      <div>
        <dt>Author’s record</dt>
        <dd>${comment.history.approved} approved, ${comment.history.rejected} rejected</dd>
      </div>
      <div><dt>Flags</dt><dd>${comment.flags === 0 ? 'none' : plural(comment.flags, 'reader', 'readers')}</dd></div>
    </dl>
    ${note ? html`<p class="note" part="note">${note}</p>` : nothing}
    <div class="actions" part="actions">
      ${
        comment.status !== 'published'
          ? html`<button part="button approve" aria-keyshortcuts="a" ?disabled=${busy} @click=${() => context.decide('approve')}>
            Approve <kbd aria-hidden="true">a</kbd>
          </button>`
          : nothing
      }
      ${
        comment.status !== 'rejected'
          ? html`<button part="button reject" aria-keyshortcuts="r" ?disabled=${busy} @click=${() => context.decide('reject')}>
            Reject <kbd aria-hidden="true">r</kbd>
          </button>`
          : nothing
      }
      ${
        published
          ? html`<button
            part="button feature"
            aria-keyshortcuts="f"
            ?disabled=${busy}
            @click=${() => context.decide(featured ? 'unfeature' : 'feature')}
          >
            ${featured ? 'Unfeature' : 'Feature'} <kbd aria-hidden="true">f</kbd>
          </button>`
          : nothing
      }
      <button part="button ban" aria-keyshortcuts="b" aria-haspopup="dialog" @click=${() => context.askBan()}>
        Ban author <kbd aria-hidden="true">b</kbd>
      </button>
    </div>
  </li>`;
}

/** What the status says of its author's ban. */
function banNote({ ban, time }: ItemContext): string {
  if (!ban?.banned) return '';
  return ban.until === null ? ', author banned for good' : `, author banned until ${time.format(new Date(ban.until))}`;
}
