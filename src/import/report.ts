/**
 * What an import left out, said once per kind with a count, so a publisher
 * can see what the article JSON does not carry over from the source.
 */
export class DropReport {
  readonly #counts = new Map<string, number>();

  /** Records one instance of `what`, e.g. `<script> and its content`. */
  drop(what: string): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + 1);
  }

  /** One line per kind, in the order first seen: `<div> markup, its text kept (×3)`. */
  lines(): string[] {
    return [...this.#counts].map(([what, count]) => (count > 1 ? `${what} (×${count})` : what));
  }
}
