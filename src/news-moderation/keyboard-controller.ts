/**
 * The moderation page's keys: one letter per action, as newsroom tools
 * have them, heard on the element while focus is anywhere in it but a
 * field (where letters are typing) or with a modifier held (the browser's
 * and the screen reader's own keys).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type KeyCommand = 'next' | 'previous' | 'approve' | 'reject' | 'feature' | 'undo' | 'help' | 'ban';

/** Each key and what it does: the help lists them from here. */
export const KEYS: readonly { readonly key: string; readonly command: KeyCommand; readonly label: string }[] = [
  { key: 'j', command: 'next', label: 'Next comment' },
  { key: 'k', command: 'previous', label: 'Previous comment' },
  { key: 'a', command: 'approve', label: 'Approve' },
  { key: 'r', command: 'reject', label: 'Reject' },
  { key: 'f', command: 'feature', label: 'Feature as an editors’ pick (or unfeature)' },
  { key: 'b', command: 'ban', label: 'Ban the author, after you confirm' },
  { key: 'u', command: 'undo', label: 'Undo the last decision (a ban is not undone)' },
  { key: '?', command: 'help', label: 'Show these keys' },
];

const COMMANDS = new Map(KEYS.map(({ key, command }) => [key, command]));

/** Where a key is typing, not a command. */
const isField = (target: EventTarget | undefined): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));

export class KeyboardController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #run: (command: KeyCommand) => void;

  constructor(host: ReactiveControllerHost & HTMLElement, run: (command: KeyCommand) => void) {
    this.#host = host;
    this.#run = run;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKey);
  }

  #onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0];
    if (isField(target) || (target instanceof Element && target.closest('dialog'))) return;
    const command = COMMANDS.get(event.key);
    if (!command) return;
    event.preventDefault();
    this.#run(command);
  };
}
