/**
 * How the reader's own comments render their Edit and Delete buttons, the
 * inline editor and the inline delete confirmation; the authoring
 * controller owns the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LIMITS, type Comment } from '../model/comments/contract.js';
import type { AuthoringController } from './authoring-controller.js';
import { counter } from './comment-form.js';

/** What a comment's render needs of the authoring controller. */
export type AuthoringView = Pick<
  AuthoringController,
  | 'editing'
  | 'confirmingDelete'
  | 'deleting'
  | 'deleteError'
  | 'canEdit'
  | 'canDelete'
  | 'startEdit'
  | 'input'
  | 'saveEdit'
  | 'cancelEdit'
  | 'askDelete'
  | 'confirmDelete'
  | 'cancelDelete'
>;

/** The editor in place of the comment's text, while the reader edits it; undefined otherwise. */
export function renderEditor(comment: Comment, view: AuthoringView): TemplateResult | undefined {
  const editing = view.editing;
  if (editing?.id !== comment.id) return undefined;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      void view.cancelEdit();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void view.saveEdit();
    }
  };
  return html`<form
    class="editor"
    part="editor"
    novalidate
    @submit=${(event: Event) => {
      event.preventDefault();
      void view.saveEdit();
    }}
    @keydown=${onKeydown}
  >
    <label for="edit-text">Edit your comment</label>
    <textarea
      id="edit-text"
      part="textarea"
      rows="4"
      dir="auto"
      aria-keyshortcuts="Control+Enter Meta+Enter Escape"
      .value=${editing.text}
      ?readonly=${editing.saving}
      aria-invalid=${editing.error ? 'true' : 'false'}
      aria-describedby=${editing.error ? 'edit-count edit-error' : 'edit-count'}
      @input=${(event: InputEvent) => view.input((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${counter('edit-count', editing.text, LIMITS.textLength)}
    ${editing.error ? html`<p class="field-error" part="field-error" id="edit-error" role="alert">${editing.error}</p>` : nothing}
    <div class="editor-actions">
      <button type="submit" part="button save" class="save" ?disabled=${editing.saving}>
        ${editing.saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" part="button" class="cancel-edit" ?disabled=${editing.saving} @click=${view.cancelEdit}>
        Cancel
      </button>
    </div>
  </form>`;
}

/** Edit and Delete, for the reader's own comment while its window is open, and the delete's confirmation or failure. */
export function authorControls(comment: Comment, view: AuthoringView, now: number): TemplateResult | typeof nothing {
  const failed = view.deleteError?.id === comment.id ? view.deleteError.message : undefined;
  const edit =
    view.canEdit(comment, now) && view.editing?.id !== comment.id
      ? html`<button type="button" part="button edit" class="edit" @click=${() => view.startEdit(comment)}>
          Edit<span class="visually-hidden"> your comment</span>
        </button>`
      : nothing;
  let remove: TemplateResult | typeof nothing = nothing;
  if (view.confirmingDelete === comment.id) {
    remove = html`<span class="confirm" role="group" aria-label="Delete your comment">
      <span>Delete your comment?</span>
      <button type="button" part="button" class="confirm-delete" @click=${() => view.confirmDelete(comment)}>Yes, delete</button>
      <button type="button" part="button" class="cancel-delete" @click=${view.cancelDelete}>Cancel</button>
    </span>`;
  } else if (view.canDelete(comment, now) || view.deleting === comment.id) {
    const busy = view.deleting === comment.id;
    remove = html`<button type="button" part="button delete" class="delete" ?disabled=${busy} @click=${() => view.askDelete(comment)}>
      ${busy ? 'Deleting…' : 'Delete'}<span class="visually-hidden"> your comment</span>
    </button>`;
  }
  return html`${edit}${remove}${failed ? html`<p class="error" part="error" role="alert">${failed}</p>` : nothing}`;
}
