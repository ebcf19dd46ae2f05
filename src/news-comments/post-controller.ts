/**
 * Posting the draft: checked by the rules the server applies, shown at once
 * as "Posting…" where it will appear, then stored, or taken back with the
 * reason. A retry sends the same idempotency key, so a comment whose answer
 * was lost is stored once. The draft is cleared only once the store has it.
 */
import type { Comment, NewComment } from '../model/comments/contract.js';
import { validateNewComment } from '../model/comments/validate.js';
import { toStoreError, type CommentStoreError } from '../stores/store.js';
import type { FieldErrors } from './comment-form.js';
import { DraftController, type DraftField } from './draft-controller.js';
import type { ListController } from './list-controller.js';
import type { Section } from './section.js';
import type { SignInController } from './sign-in-controller.js';
import { signInProblem } from './sign-in-messages.js';

/** Has no lifecycle of its own, so it is not registered with the host; it asks the host to render when its state changes. */
export class PostController {
  posting = false;
  /** Why the last post failed, shown until the next attempt. */
  error?: CommentStoreError;
  fieldErrors: FieldErrors = {};
  /** The reader's comment while it is being posted. */
  pending?: Comment;

  readonly #section: Section;
  readonly #draft: DraftController;
  readonly #list: ListController;
  readonly #signIn: SignInController;

  constructor(section: Section, draft: DraftController, list: ListController, signIn: SignInController) {
    this.#section = section;
    this.#draft = draft;
    this.#list = list;
    this.#signIn = signIn;
  }

  #changed(): void {
    this.#section.host.requestUpdate();
  }

  /** Forgets a post in flight, for another article or store; its answer then goes to its own article. */
  reset(): void {
    this.error = undefined;
    this.pending = undefined;
    this.posting = false;
    this.#changed();
  }

  /** The reader is correcting `field`: its message goes. */
  edited(field: DraftField): void {
    if (!this.fieldErrors[field]) return;
    this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
    this.#changed();
  }

  /** The reader signed in anew: a failure that was about their sign-in goes. */
  signedInAgain(): void {
    if (!this.error || !signInProblem(this.error)) return;
    this.error = undefined;
    this.#changed();
  }

  /** A failure that was about the reply goes with the reply. */
  replyCancelled(): void {
    if (this.error?.field !== 'parentId') return;
    this.error = undefined;
    this.#changed();
  }

  async #focusField(field: DraftField): Promise<void> {
    (await this.#section.find(field))?.focus();
  }

  submit = async (): Promise<void> => {
    const section = this.#section;
    // Checked before any await, so a second click or Enter in the same task does nothing.
    if (this.posting || !section.articleId) return;
    this.#draft.save();
    const { draft } = this.#draft;
    const { signedIn } = this.#signIn;
    const input: NewComment = {
      // A signed-in reader's comment carries their account's name; the one typed stays in the draft for later.
      author: signedIn?.name ?? draft.author,
      text: draft.text,
      parentId: draft.parentId,
      idempotencyKey: draft.idempotencyKey,
    };
    const problem = validateNewComment(input, { signedIn: signedIn !== null });
    if (problem) {
      const field = problem.field === 'author' ? 'author' : 'text';
      this.fieldErrors = { [field]: problem.message };
      this.#changed();
      return this.#focusField(field);
    }
    this.posting = true;
    this.fieldErrors = {};
    this.error = undefined;
    section.announce('');
    const { text, parentId } = draft;
    const { author } = input;
    this.pending = { id: 'pending', parentId, author, text, createdAt: new Date().toISOString(), recommends: 0 };
    const { articleId, store, session } = section;
    try {
      const comment = await store.post(articleId, input, { session });
      if (articleId !== section.articleId) {
        // The element shows another article now, with its own list and draft: only the posted draft goes.
        DraftController.postedElsewhere(articleId, draft.idempotencyKey, draft.author);
        this.#posted(comment);
        return;
      }
      this.#list.insert(comment);
      this.pending = undefined;
      this.posting = false;
      this.#draft.posted(draft.author);
      section.announce(
        comment.status === 'pending'
          ? `Your ${comment.parentId ? 'reply' : 'comment'} was received; it awaits a moderator's review.`
          : comment.parentId
            ? 'Your reply was posted.'
            : 'Your comment was posted.',
      );
      this.#posted(comment);
      await section.focusComment(comment.id);
    } catch (caught) {
      const error = toStoreError(caught);
      if (articleId !== section.articleId) {
        // The draft stays stored with its article, for when the reader comes back; this form is another's.
        section.emitError(error);
        return;
      }
      this.pending = undefined;
      this.posting = false;
      this.error = error;
      if (error.code === 'sign_in_required') this.#signIn.learnRequired();
      const field = error.field === 'author' || error.field === 'text' ? error.field : undefined;
      if (field) this.fieldErrors = { [field]: error.message };
      this.#changed();
      section.emitError(error);
      await this.#focusField(field ?? 'text');
    }
  };

  #posted(comment: Comment): void {
    this.#section.host.dispatchEvent(
      new CustomEvent('news-comment-posted', { detail: { comment }, bubbles: true, composed: true }),
    );
  }
}
