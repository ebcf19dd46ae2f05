/**
 * Where a held comment's text contains the banned words it was held for,
 * so the moderator sees at a glance what the screening found.
 */
import type { HoldReason } from '../model/comments/moderation.js';

/** A run of a comment's text, marked when it is a banned word or phrase. */
export interface TextRun {
  readonly text: string;
  readonly marked: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits `text` into runs, marking every occurrence of a `banned_word`
 * reason's `detail`, case-insensitively; the phrase's words may be apart by
 * any whitespace, as the screening reads them. Without such a reason: one
 * unmarked run.
 */
export function markBanned(text: string, reasons: readonly HoldReason[]): TextRun[] {
  const phrases = reasons
    .filter((reason) => reason.code === 'banned_word' && reason.detail?.trim())
    .map((reason) => reason.detail!.trim().split(/\s+/).map(escape).join('\\s+'));
  if (phrases.length === 0) return [{ text, marked: false }];
  // Longest first, so a phrase wins over a word it contains.
  phrases.sort((a, b) => b.length - a.length);
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of text.matchAll(new RegExp(phrases.join('|'), 'giu'))) {
    if (match.index > at) runs.push({ text: text.slice(at, match.index), marked: false });
    runs.push({ text: match[0], marked: true });
    at = match.index + match[0].length;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), marked: false });
  return runs;
}
