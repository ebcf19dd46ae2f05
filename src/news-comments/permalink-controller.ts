/**
 * A comment's link, `#comment-<id>`: on arrival and on every `hashchange`,
 * the comment is shown (its page loaded if need be), scrolled to, focused
 * and marked, as a permalink promises.
 */
import type { ReactiveController } from 'lit';
import type { ListController } from './list-controller.js';
import type { Section } from './section.js';

/** The comment id a `#comment-<id>` hash points to. */
export function hashTarget(hash = globalThis.location?.hash ?? ''): string | undefined {
  const match = /^#comment-(.+)$/.exec(hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

export class PermalinkController implements ReactiveController {
  /** The comment a permalink pointed to. */
  highlighted?: string;

  readonly #section: Section;
  readonly #list: ListController;

  constructor(section: Section, list: ListController) {
    this.#section = section;
    this.#list = list;
    section.host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('hashchange', this.#onHashChange);
  }

  /** Loads the list from its start, or around the comment the page's link points to, and shows that comment. */
  async load(withCount = false): Promise<void> {
    const shown = await this.#list.load(hashTarget(), withCount);
    if (shown) await this.reveal(shown);
  }

  /** Scrolls to a comment, focuses it and marks it. */
  async reveal(id: string): Promise<void> {
    this.highlighted = id;
    this.#section.host.requestUpdate();
    const element = await this.#section.focusComment(id);
    element?.scrollIntoView({ block: 'center' });
  }

  #onHashChange = (): void => {
    const target = hashTarget();
    if (!target || !this.#section.articleId) return;
    if (this.#list.has(target)) void this.reveal(target);
    else void this.load();
  };
}
