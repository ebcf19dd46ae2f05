/**
 * Comment text is plain text. The only markup it may gain is a link for an
 * http(s) URL, built with Lit bindings (never HTML parsing), so whatever a
 * reader types renders as the characters they typed.
 */
import { html, type TemplateResult } from 'lit';

/** Candidates only: each is checked with `new URL` before it becomes a link. */
const CANDIDATE = /\bhttps?:\/\/\S+/giu;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = /[.,;:!?'"\]]+$/u;

export type Piece = string | { readonly href: string; readonly text: string };

/** Splits text into plain strings and safe http(s) links; joining every piece's text gives the input back. */
export function linkPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    let candidate = match[0].replace(TRAILING, '');
    // "(see https://example.com)": the closing parenthesis is the sentence's, unless the URL opened one.
    if (candidate.endsWith(')') && !candidate.includes('(')) candidate = candidate.slice(0, -1);
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push({ href: url.href, text: candidate });
    last = match.index + candidate.length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

export function linkify(text: string): (string | TemplateResult)[] {
  return linkPieces(text).map((piece) =>
    typeof piece === 'string'
      ? piece
      : html`<a href=${piece.href} rel="nofollow ugc noopener" target="_blank">${piece.text}</a>`,
  );
}
