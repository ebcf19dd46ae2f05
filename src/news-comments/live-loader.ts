/**
 * Turns live updates on and off as `live` says. Their code is a chunk of
 * its own, loaded by `import()` the first time `live` is set, so a page
 * that never sets it never fetches it.
 */
import type { Comment } from '../model/comments/contract.js';
import type { ListController } from './list-controller.js';
import type { LiveController } from './live-controller.js';
import type { Section } from './section.js';

export class LiveLoader {
  /** Live updates, while `live` is set and their code has loaded. */
  controller?: LiveController;
  #loading = false;
  #wanted = false;
  readonly #section: Section;
  readonly #list: ListController;
  readonly #pending: () => Comment | undefined;

  constructor(section: Section, list: ListController, pending: () => Comment | undefined) {
    this.#section = section;
    this.#list = list;
    this.#pending = pending;
  }

  follow(live: boolean): void {
    this.#wanted = live;
    if (!live) {
      this.controller?.stop();
      this.controller = undefined;
      return;
    }
    if (this.controller || this.#loading) return;
    this.#loading = true;
    import('./live-controller.js').then(
      ({ LiveController }) => {
        this.#loading = false;
        if (!this.#wanted || this.controller) return; // turned off meanwhile
        this.controller = new LiveController(this.#section, this.#list, this.#pending);
        this.#section.host.requestUpdate();
      },
      () => {
        // Its code could not load (the network): the list stays as it was read, and the next `live` tries again.
        this.#loading = false;
      },
    );
  }
}
