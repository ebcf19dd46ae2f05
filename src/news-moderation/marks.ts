/**
 * Where a held comment's text contains the banned words it was held for,
 * so the moderator sees at a glance what the screening found: found by the
 * screening's own rule (`src/model/comments/fold.ts`), and marked on exactly
 * the characters the author typed, full-width or with an invisible
 * character inside.
 */
import { FoldedText, foldListed, listedPattern } from '../model/comments/fold.js';
import type { HoldReason } from '../model/comments/moderation.js';

/** A run of a comment's text, marked when it is a banned word or phrase. */
export interface TextRun {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * Splits `text` into runs, marking every place the screening finds a
 * `banned_word` reason's `detail`; where two overlap, the one starting
 * first (then the longer) is marked. Without such a reason: one unmarked run.
 */
export function markBanned(text: string, reasons: readonly HoldReason[]): TextRun[] {
  const listed = reasons
    .filter((reason) => reason.code === 'banned_word' && reason.detail)
    .map((reason) => foldListed(reason.detail!))
    .filter((word) => word !== '');
  if (listed.length === 0) return [{ text, marked: false }];
  const folded = new FoldedText(text);
  const found = listed
    .flatMap((word) => [...folded.text.matchAll(listedPattern(word, 'g'))])
    .map((match) => folded.original(match.index, match.index + match[0].length))
    .sort(([a, aEnd], [b, bEnd]) => a - b || bEnd - aEnd);
  const runs: TextRun[] = [];
  let at = 0;
  for (const [start, end] of found) {
    if (start < at) continue;
    if (start > at) runs.push({ text: text.slice(at, start), marked: false });
    runs.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), marked: false });
  return runs;
}
