/**
 * What a reader does to others' comments: recommend (once, shown at once and
 * taken back if the store refuses) and flag (after a confirmation, marked at
 * once, unmarked on failure). The reader's marks are kept in this browser
 * per article; an answer that comes after the article changed marks its own.
 */
import type { Comment } from '../model/comments/contract.js';
import { toStoreError } from '../stores/store.js';
import { loadMarks, readerId, saveMarks, type ReaderMarks } from '../stores/reader.js';
import { anchorOf } from './comment-item.js';
import type { ListController } from './list-controller.js';
import type { Section } from './section.js';

/** Has no lifecycle of its own, so it is not registered with the host; it asks the host to render when its state changes. */
export class ActionsController {
  marks: ReaderMarks = { recommended: new Set(), flagged: new Set() };
  /** The comment whose flag waits for the reader's confirmation. */
  confirmingFlag?: string;
  /** Why the last recommend or flag failed. */
  error?: string;

  readonly #section: Section;
  readonly #list: ListController;

  constructor(section: Section, list: ListController) {
    this.#section = section;
    this.#list = list;
  }

  #changed(): void {
    this.#section.host.requestUpdate();
  }

  /** Takes up the reader's marks on the comments of `articleId`. */
  open(articleId: string): void {
    this.marks = loadMarks(articleId);
    this.#changed();
  }

  /** Marks a comment of `articleId`; of an article no longer shown, in storage only. */
  #mark(kind: keyof ReaderMarks, id: string, on: boolean, articleId: string): void {
    const shown = articleId === this.#section.articleId;
    const marks = shown ? this.marks : loadMarks(articleId);
    const set = new Set(marks[kind]);
    if (on) set.add(id);
    else set.delete(id);
    const changed = { ...marks, [kind]: set };
    if (shown) {
      this.marks = changed;
      this.#changed();
    }
    saveMarks(articleId, changed);
  }

  recommend = async (comment: Comment): Promise<void> => {
    if (this.marks.recommended.has(comment.id)) return; // once per reader; there is no taking it back
    const section = this.#section;
    const { articleId, store } = section;
    this.#mark('recommended', comment.id, true, articleId);
    this.#list.patch(comment.id, { recommends: comment.recommends + 1 });
    this.error = undefined;
    try {
      const { recommends } = await store.recommend(articleId, comment.id, readerId(), { session: section.session });
      if (articleId === section.articleId) this.#list.patch(comment.id, { recommends });
    } catch (caught) {
      const error = toStoreError(caught);
      this.#mark('recommended', comment.id, false, articleId);
      section.emitError(error);
      if (articleId !== section.articleId) return; // the list shown is another article's
      this.#list.patch(comment.id, { recommends: comment.recommends });
      this.error = `Could not recommend the comment: ${error.message}`;
      this.#changed();
    }
  };

  /** Focuses a button of a comment's actions, which changed under the focus. */
  async #focusAction(id: string, selector: string): Promise<void> {
    const comment = await this.#section.find(anchorOf(id));
    comment?.querySelector<HTMLElement>(selector)?.focus();
  }

  askFlag = async (comment: Comment): Promise<void> => {
    this.confirmingFlag = comment.id;
    this.#changed();
    await this.#focusAction(comment.id, '.confirm-flag');
  };

  cancelFlag = async (): Promise<void> => {
    const id = this.confirmingFlag;
    this.confirmingFlag = undefined;
    this.#changed();
    if (id) await this.#focusAction(id, '.flag');
  };

  confirmFlag = async (comment: Comment): Promise<void> => {
    const section = this.#section;
    const { articleId, store } = section;
    this.confirmingFlag = undefined;
    this.#mark('flagged', comment.id, true, articleId);
    this.error = undefined;
    this.#changed();
    await section.focusComment(comment.id); // the buttons change under the focus
    try {
      await store.flag(articleId, comment.id, readerId(), { session: section.session });
      if (articleId === section.articleId) section.announce('The comment was flagged for moderators.');
    } catch (caught) {
      const error = toStoreError(caught);
      this.#mark('flagged', comment.id, false, articleId);
      section.emitError(error);
      if (articleId === section.articleId) {
        this.error = `Could not flag the comment: ${error.message}`;
        this.#changed();
      }
    }
  };
}
