/**
 * What a reader does to their own comments (`mine`, while `editableUntil`
 * has not passed): edit one inline (Save, Cancel, Escape; the text typed
 * stays through any failure) and delete one after an inline confirmation.
 * The buttons go at the moment the window closes: the controller is on the
 * page's one clock, due at the next window's end. The text of an edit under
 * way is kept in this browser, and the editor opens with it again after a reload.
 */
import type { ReactiveController } from 'lit';
import type { Comment } from '../model/comments/contract.js';
import { validateEdit } from '../model/comments/validate.js';
import { toStoreError, type CommentStoreError } from '../stores/store.js';
import { clock as pageClock, type Clock, type Ticking } from './clock.js';
import { anchorOf } from './comment-item.js';
import { loadEditDraft, saveEditDraft, type EditDraft } from './edit-draft.js';
import type { ListController } from './list-controller.js';
import type { Section } from './section.js';
import { signInProblem } from './sign-in-messages.js';
import { flatten } from './threads.js';

/** The comment being edited, with what the reader typed. */
export interface EditState {
  readonly id: string;
  readonly text: string;
  readonly saving: boolean;
  /** Why the last save failed, or what the text breaks. */
  readonly error?: string;
}

/** Until when (ms since the epoch) the reader may change `comment`; NaN when it is not theirs. */
const windowEnd = (comment: Comment): number =>
  comment.mine && !comment.deleted ? Date.parse(comment.editableUntil ?? '') : Number.NaN;

/** A sentence for each way an edit or a delete fails. */
export function authoringFailure(error: CommentStoreError, action: 'edit' | 'delete'): string {
  const keep = action === 'edit' ? ' Your text is still here.' : '';
  const signIn = signInProblem(error);
  if (signIn) return `${signIn}${keep}`;
  switch (error.code) {
    case 'edit_window_closed':
      return `The time to ${action} this comment has passed.${keep}`;
    case 'not_author':
      return `Only its author can ${action} this comment.`;
    case 'comment_not_found':
      return 'This comment no longer exists.';
    case 'validation_failed':
      return `Your change was not saved: ${error.message}`;
    default:
      return `${error.message}${keep}${error.retryable ? ' Try again.' : ''}`;
  }
}

export class AuthoringController implements ReactiveController, Ticking {
  editing?: EditState;
  /** The comment whose delete waits for the reader's confirmation. */
  confirmingDelete?: string;
  /** The comment being deleted. */
  deleting?: string;
  /** Why the last delete failed, and of which comment. */
  deleteError?: { readonly id: string; readonly message: string };
  dueAt: number | undefined;

  readonly #section: Section;
  readonly #list: ListController;
  readonly #clock: Clock;
  /** An edit kept from an earlier visit, reopened once its comment is shown. */
  #kept?: EditDraft;

  constructor(section: Section, list: ListController, clock: Clock = pageClock) {
    this.#section = section;
    this.#list = list;
    this.#clock = clock;
    section.host.addController(this);
  }

  hostConnected(): void {
    this.#clock.add(this);
  }

  hostDisconnected(): void {
    this.#clock.delete(this);
  }

  /** Due when the soonest window of the reader's comments shown closes. */
  hostUpdated(): void {
    const now = Date.now();
    this.#reopen(now);
    const ends = flatten(this.#list.threads)
      .map(windowEnd)
      .filter((end) => end > now);
    const due = ends.length ? Math.min(...ends) : undefined;
    if (due === this.dueAt) return;
    this.dueAt = due;
    this.#clock.schedule();
  }

  /** A window closed: the render hides its buttons. */
  tick(): void {
    this.dueAt = undefined;
    this.#changed();
  }

  /** Whether the reader may edit `comment` at `now`. */
  canEdit = (comment: Comment, now: number): boolean =>
    typeof this.#section.store.edit === 'function' && windowEnd(comment) > now;

  /** Whether the reader may delete `comment` at `now`. */
  canDelete = (comment: Comment, now: number): boolean =>
    typeof this.#section.store.remove === 'function' && windowEnd(comment) > now;

  /** Forgets edits and deletes under way, for another article or store, and takes up the edit kept for `articleId`. */
  reset(articleId: string): void {
    this.editing = undefined;
    this.confirmingDelete = this.deleting = this.deleteError = undefined;
    this.#kept = articleId ? loadEditDraft(articleId) : undefined;
    this.#changed();
  }

  /**
   * Opens the editor with the text kept from an earlier visit, once its
   * comment is shown; with the window closed since, the text is there to
   * copy, and the editor says why it cannot be saved.
   */
  #reopen(now: number): void {
    const kept = this.#kept;
    const comment = kept && flatten(this.#list.threads).find((shown) => shown.id === kept.id);
    if (!kept || !comment || this.editing) return;
    this.#kept = undefined;
    const error = this.canEdit(comment, now)
      ? undefined
      : 'The time to edit this comment has passed. Your text is still here.';
    this.editing = { id: kept.id, text: kept.text, saving: false, error };
    this.#changed();
  }

  /** Keeps what the reader typed in the editor, or forgets it. */
  #keep(draft: EditDraft | undefined): void {
    if (this.#section.articleId) saveEditDraft(this.#section.articleId, draft);
  }

  #changed(): void {
    this.#section.host.requestUpdate();
  }

  async #focus(id: string, selector: string): Promise<void> {
    const comment = await this.#section.find(anchorOf(id));
    comment?.querySelector<HTMLElement>(selector)?.focus();
  }

  startEdit = async (comment: Comment): Promise<void> => {
    this.editing = { id: comment.id, text: comment.text, saving: false };
    this.confirmingDelete = undefined;
    this.#changed();
    await this.#focus(comment.id, '.editor textarea');
  };

  input = (text: string): void => {
    if (!this.editing || this.editing.saving) return;
    this.editing = { ...this.editing, text, error: undefined };
    this.#keep({ id: this.editing.id, text });
    this.#changed();
  };

  cancelEdit = async (): Promise<void> => {
    const id = this.editing?.id;
    if (!id || this.editing?.saving) return;
    this.editing = undefined;
    this.#keep(undefined);
    this.#changed();
    await this.#focus(id, '.edit');
  };

  saveEdit = async (): Promise<void> => {
    const editing = this.editing;
    const section = this.#section;
    const { articleId, store, session } = section;
    if (!editing || editing.saving || !store.edit) return;
    const problem = validateEdit({ text: editing.text });
    if (problem) {
      this.editing = { ...editing, error: problem.message };
      this.#changed();
      return this.#focus(editing.id, '.editor textarea');
    }
    this.editing = { ...editing, saving: true, error: undefined };
    section.announce('');
    this.#changed();
    try {
      const edited = await store.edit(articleId, editing.id, editing.text, { session });
      if (articleId !== section.articleId) return;
      const { text, edited: mark, mine, editableUntil } = edited;
      this.#list.patch(editing.id, { text, edited: mark, mine, editableUntil });
      this.editing = undefined;
      this.#keep(undefined);
      section.announce('Your comment was edited.');
      await this.#focus(editing.id, '.edit');
    } catch (caught) {
      const error = toStoreError(caught);
      section.emitError(error);
      if (articleId !== section.articleId) return;
      // The server says the window closed: the buttons go, the editor stays for the text to be copied.
      if (error.code === 'edit_window_closed')
        this.#list.patch(editing.id, { editableUntil: new Date().toISOString() });
      this.editing = { ...editing, saving: false, error: authoringFailure(error, 'edit') };
      this.#changed();
      await this.#focus(editing.id, '.editor textarea');
    }
  };

  askDelete = async (comment: Comment): Promise<void> => {
    this.confirmingDelete = comment.id;
    this.deleteError = undefined;
    this.#changed();
    await this.#focus(comment.id, '.confirm-delete');
  };

  cancelDelete = async (): Promise<void> => {
    const id = this.confirmingDelete;
    this.confirmingDelete = undefined;
    this.#changed();
    if (id) await this.#focus(id, '.delete');
  };

  confirmDelete = async (comment: Comment): Promise<void> => {
    const section = this.#section;
    const { articleId, store, session } = section;
    if (!store.remove || this.deleting) return;
    this.confirmingDelete = undefined;
    this.deleting = comment.id;
    this.deleteError = undefined;
    section.announce('');
    this.#changed();
    await this.#focus(comment.id, '.delete'); // the confirmation went from under the focus
    try {
      const { kept } = await store.remove(articleId, comment.id, { session });
      this.deleting = undefined;
      if (articleId === section.articleId) await this.#gone(comment, kept, 'Your comment was deleted.');
    } catch (caught) {
      const error = toStoreError(caught);
      this.deleting = undefined;
      section.emitError(error);
      if (articleId !== section.articleId) return;
      // Gone already: deleted elsewhere, or by this very call when its answer was lost and a retry found nothing.
      if (error.code === 'comment_not_found') return this.#gone(comment, false, authoringFailure(error, 'delete'));
      if (error.code === 'edit_window_closed')
        this.#list.patch(comment.id, { editableUntil: new Date().toISOString() });
      this.deleteError = { id: comment.id, message: authoringFailure(error, 'delete') };
      this.#changed();
      await section.focusComment(comment.id);
    }
  };

  /** Takes a deleted comment out of the list (or leaves its mark), says so, and moves the focus beside it. */
  async #gone(comment: Comment, kept: boolean, announcement: string): Promise<void> {
    const next = kept ? comment.id : this.#besides(comment);
    if (this.editing?.id === comment.id) {
      this.editing = undefined;
      this.#keep(undefined);
    }
    this.#list.deleted(comment.id, kept);
    this.#section.announce(announcement);
    if (next) await this.#section.focusComment(next);
    else (await this.#section.find('text'))?.focus(); // none left: the form invites the next
  }

  /** Where reading goes on once `comment` is gone: its thread, else the next thread, else the one before. */
  #besides(comment: Comment): string | undefined {
    if (comment.parentId && this.#list.has(comment.parentId)) return comment.parentId;
    const threads = this.#list.threads;
    const at = threads.findIndex((thread) => thread.id === comment.id);
    return (threads[at + 1] ?? threads[at - 1])?.id;
  }
}
