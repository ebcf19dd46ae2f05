/**
 * What every controller of `<news-comments>` shares: the element, the store
 * and article in use, the live region, and the ways to speak to the page.
 * The element keeps it current; controllers read it at the moment they act,
 * so one that finishes after the article changed can tell.
 */
import type { ReactiveControllerHost } from 'lit';
import type { CommentStore, CommentStoreError } from '../stores/store.js';
import { pickStore } from '../stores/pick-store.js';
import { Session } from '../stores/session.js';
import { anchorOf } from './comment-item.js';

export type SectionHost = ReactiveControllerHost & HTMLElement;

export class Section {
  readonly host: SectionHost;
  store: CommentStore = pickStore(undefined, undefined);
  /** The server the store speaks to, when the element was given an `endpoint` rather than a store. */
  endpoint: string | undefined;
  /** Who the reader is on the publisher's site; every store call carries it. */
  session = new Session();
  /** The article whose comments are shown; empty when there is none. */
  articleId = '';
  lang: string | undefined;
  /** Whether the element follows the article live: its first pages ask where live events start. */
  live = false;
  /** What the live region says: emptied before each change so the same words are read out again. */
  #announcement = '';

  constructor(host: SectionHost) {
    this.host = host;
  }

  get announcement(): string {
    return this.#announcement;
  }

  announce(text: string): void {
    this.#announcement = text;
    this.host.requestUpdate();
  }

  emitError(error: CommentStoreError): void {
    this.host.dispatchEvent(
      new CustomEvent('news-comments-error', { detail: { error }, bubbles: true, composed: true }),
    );
  }

  /** After the next render, the element in the shadow root with `id`. */
  async find(id: string): Promise<HTMLElement | null> {
    await this.host.updateComplete;
    return this.host.shadowRoot?.getElementById(id) ?? null;
  }

  /** Focuses a comment once it is rendered (reading goes on there); null when it is not shown. */
  async focusComment(id: string): Promise<HTMLElement | null> {
    const element = await this.find(anchorOf(id));
    element?.focus({ preventScroll: true });
    return element;
  }
}
