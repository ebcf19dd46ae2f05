/**
 * The reader's draft in memory, and its copy in this browser: saved a moment
 * after typing stops, at once when replying, on `pagehide` and when the
 * element leaves the page, so a reload, a crash or a closed tab loses nothing.
 */
import type { ReactiveController } from 'lit';
import type { Comment } from '../model/comments/contract.js';
import { loadDraft, newDraft, saveDraft, type Draft } from './draft.js';
import type { SectionHost } from './section.js';

/** How long typing pauses before the draft is saved: often enough to lose nothing, rarely enough to cost nothing. */
const SAVE_DELAY = 400;

export type DraftField = 'author' | 'text';

export class DraftController implements ReactiveController {
  draft: Draft = newDraft();

  readonly #host: SectionHost;
  /** The article the draft in memory belongs to. */
  #articleId = '';
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: SectionHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener('pagehide', this.save);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('pagehide', this.save);
    this.save();
  }

  /** Keeps the draft of the article shown until now and takes up the one of `articleId`. */
  open(articleId: string): void {
    this.save();
    this.#articleId = articleId;
    this.#set(loadDraft(articleId));
  }

  /** Saves now, not after the pause. */
  save = (): void => {
    clearTimeout(this.#timer);
    if (this.#articleId) saveDraft(this.#articleId, this.draft);
  };

  #set(draft: Draft): void {
    this.draft = draft;
    this.#host.requestUpdate();
  }

  input(field: DraftField, value: string): void {
    this.#set({ ...this.draft, [field]: value });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.save, SAVE_DELAY);
  }

  /** Makes the draft a reply to `comment`'s thread: threads are one level deep, so a reply to a reply goes to its thread. */
  replyTo(comment: Comment): void {
    this.#set({ ...this.draft, parentId: comment.parentId ?? comment.id, replyTo: comment.author });
    this.save();
  }

  cancelReply(): void {
    this.#set({ ...this.draft, parentId: null, replyTo: null });
    this.save();
  }

  /** A fresh draft once the comment is stored; the name stays, as the same reader writes the next one. */
  posted(author: string): void {
    this.#set(newDraft(author));
    this.save();
  }

  /**
   * Clears the stored draft of an article no longer shown, once its comment
   * with `idempotencyKey` is stored, unless the reader wrote another since.
   */
  static postedElsewhere(articleId: string, idempotencyKey: string, author: string): void {
    if (loadDraft(articleId).idempotencyKey === idempotencyKey) saveDraft(articleId, newDraft(author));
  }
}
