/**
 * The checks every part of the article validator shares: each throws an
 * {@link InvalidArticleError} that names the field, or returns the value typed.
 */
import { InvalidArticleError } from './invalid.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string with words in it. */
export function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new InvalidArticleError(path, 'must be a string');
  if (value.trim() === '') throw new InvalidArticleError(path, 'must not be empty');
  return value;
}

/** {@link text}, or undefined when the field is absent. */
export const optionalText = (value: unknown, path: string): string | undefined =>
  value === undefined ? undefined : text(value, path);

export function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new InvalidArticleError(path, 'must be an object');
  return value;
}

/** A non-empty array. */
export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidArticleError(path, 'must be an array');
  if (value.length === 0) throw new InvalidArticleError(path, 'must not be empty');
  return value;
}

/** A URL that `allowed` accepts; `kinds` says which, for the message. */
export function url(value: unknown, path: string, allowed: (url: string) => boolean, kinds: string): string {
  if (typeof value !== 'string' || !allowed(value)) throw new InvalidArticleError(path, `must be ${kinds} URL`);
  return value;
}

/** Copies `source` without the keys whose value is undefined: absent fields stay absent. */
export const defined = <T extends object>(source: T): T =>
  Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined)) as T;
