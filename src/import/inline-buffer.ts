/**
 * Inline runs as the HTML importer gathers them: text arrives in pieces,
 * each with the marks and link in force, and leaves as the model's inline
 * content, with neighbours of the same style joined and edge space trimmed.
 */
import type { Inline, Mark, TextRun } from '../model/article/blocks.js';
import { collapse } from './html-tree.js';

/** The style in force where a piece of text sits. */
export interface Style {
  readonly marks: readonly Mark[];
  readonly href?: string;
}

export const PLAIN: Style = { marks: [] };

const sameStyle = (a: TextRun, style: Style) => a.href === style.href && (a.marks ?? []).join() === style.marks.join();

export class InlineBuffer {
  #runs: TextRun[] = [];

  add(text: string, style: Style): void {
    const piece = collapse(text);
    if (piece === '') return;
    const last = this.#runs.at(-1);
    if (last && sameStyle(last, style)) {
      this.#runs[this.#runs.length - 1] = { ...last, text: last.text + piece };
    } else {
      this.#runs.push({
        text: piece,
        ...(style.marks.length > 0 && { marks: style.marks }),
        ...(style.href && { href: style.href }),
      });
    }
  }

  /** Whether the buffer holds any words. */
  get hasText(): boolean {
    return this.#runs.some((run) => run.text.trim() !== '');
  }

  /**
   * Empties the buffer into inline content, or undefined when it held no
   * words. Space between runs is kept; space at the edges is not. A run
   * left blank by the trim merges into plain text or goes.
   */
  take(): Inline[] | undefined {
    const runs = this.#runs;
    this.#runs = [];
    if (!runs.some((run) => run.text.trim() !== '')) return undefined;
    const first = runs.findIndex((run) => run.text.trim() !== '');
    const last = runs.findLastIndex((run) => run.text.trim() !== '');
    const kept = runs.slice(first, last + 1);
    kept[0] = { ...kept[0]!, text: kept[0]!.text.trimStart() };
    kept[kept.length - 1] = { ...kept.at(-1)!, text: kept.at(-1)!.text.trimEnd() };
    return kept.map((run) => (run.marks || run.href ? (run.text.trim() === '' ? ' ' : run) : run.text));
  }
}
