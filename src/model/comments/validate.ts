/**
 * Validation of comment data, shared by the form, the stores and the server,
 * so a reader sees the same rule before posting that the server enforces.
 */
import { LIMITS } from './contract.js';

/** A rule a field breaks. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Any character that shows: not white space, not default-ignorable (zero
 * widths, joiners, direction marks, variation selectors, tags, the soft
 * hyphen), and not a Hangul filler, which draws as a blank yet is a letter:
 * those are listed by hand, so the rule does not rest on an engine's Unicode
 * tables counting them default-ignorable. A name without one is empty. A
 * search, so it stops at the first. Controls are refused before this is asked.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0]/u;

/** Control characters besides tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;
const LONE_CR = /\r(?!\n)/;

/**
 * Whether text holds a control character other than tab and line feed, or a
 * carriage return not followed by a line feed (a CRLF line end is a newline
 * too): none belongs in a name or a comment, and some (NUL, ESC, DEL) break
 * what stores or shows the text. Two plain searches: one regular expression
 * with the carriage return as an alternative is three times slower, and the
 * local store checks every comment it reads.
 */
const hasControl = (text: string): boolean => CONTROL.test(text) || (text.includes('\r') && LONE_CR.test(text));

/** Half of a surrogate pair on its own: not text, and it could not come back unchanged. */
export const hasLoneSurrogate = (text: string): boolean => /\p{Surrogate}/u.test(text);

/** Counts what a reader sees as characters (code points), as the limits do. */
export const length = (text: string): number => [...text].length;

function textField(value: unknown, field: string, max: number, label: string): FieldProblem | null {
  if (typeof value !== 'string') return { field, message: 'must be a string' };
  if (hasControl(value)) return { field, message: `${label} must not contain control characters` };
  if (!VISIBLE.test(value)) return { field, message: `${label} is required` };
  if (hasLoneSurrogate(value)) return { field, message: `${label} must be valid Unicode text` };
  // A string of at most `max` UTF-16 units has at most `max` code points: count only longer ones.
  if (value.length > max && length(value) > max)
    return { field, message: `${label} must be at most ${max} characters` };
  return null;
}

/** Checks a display name, as a comment's author or a signed-in reader's name; `field` names it in the problem. */
export const validateName = (value: unknown, field = 'author'): FieldProblem | null =>
  textField(value, field, LIMITS.authorLength, 'Name');

/**
 * Checks what a reader is about to post; returns the first problem, or null.
 * A signed-in reader's comment carries their account's name, so its
 * `author` is not checked (nor used).
 */
export function validateNewComment(value: unknown, { signedIn = false } = {}): FieldProblem | null {
  if (!isObject(value)) return { field: '', message: 'must be a JSON object' };
  return (
    (signedIn ? null : validateName(value.author)) ??
    textField(value.text, 'text', LIMITS.textLength, 'Comment') ??
    (value.parentId != null && typeof value.parentId !== 'string'
      ? { field: 'parentId', message: 'must be a string or null' }
      : null) ??
    textField(value.idempotencyKey, 'idempotencyKey', LIMITS.idempotencyKeyLength, 'Idempotency key')
  );
}

/** Checks an author's change to a comment's text, under the rules of posting it. */
export function validateEdit(value: unknown): FieldProblem | null {
  if (!isObject(value)) return { field: '', message: 'must be a JSON object' };
  return textField(value.text, 'text', LIMITS.textLength, 'Comment');
}

/** Checks a stored comment, e.g. one shipped inside article JSON. */
export function validateComment(value: unknown): FieldProblem | null {
  if (!isObject(value)) return { field: '', message: 'must be an object' };
  if (typeof value.id !== 'string' || value.id === '') return { field: 'id', message: 'must be a non-empty string' };
  if (value.parentId !== null && typeof value.parentId !== 'string') {
    return { field: 'parentId', message: 'must be a string or null' };
  }
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) {
    return { field: 'createdAt', message: 'must be an ISO 8601 date' };
  }
  if (!Number.isInteger(value.recommends) || (value.recommends as number) < 0) {
    return { field: 'recommends', message: 'must be a whole number' };
  }
  // A deleted comment kept for its replies is a mark with nothing of its author left.
  if (value.deleted === true) {
    return value.author === '' && value.text === ''
      ? null
      : { field: 'deleted', message: 'a deleted comment has no author or text' };
  }
  return (
    textField(value.author, 'author', LIMITS.authorLength, 'Name') ??
    textField(value.text, 'text', LIMITS.textLength, 'Comment')
  );
}

/**
 * Checks the id a reader recommends and flags with, as the browser store and
 * the server both do: text with something besides spaces, of valid Unicode,
 * at most `LIMITS.readerIdLength` UTF-16 units long.
 */
export function validateReaderId(value: unknown): FieldProblem | null {
  if (typeof value !== 'string' || value.trim() === '')
    return { field: 'readerId', message: 'must be a non-empty string' };
  if (value.length > LIMITS.readerIdLength || hasLoneSurrogate(value)) {
    return { field: 'readerId', message: `must be at most ${LIMITS.readerIdLength} characters of valid text` };
  }
  return null;
}
