/**
 * Loading an article from a URL or from JSON text, with errors that say what
 * went wrong in words a publisher can act on.
 */
import type { Article } from './article.js';
import { anySignal } from '../abort.js';
import { ArticleLoadError } from './load-error.js';
import { InvalidArticleError, validateArticle } from './validate.js';

export { ArticleLoadError, type ArticleErrorReason } from './load-error.js';

/** How long a `src` may take before we give up and say so. */
const TIMEOUT_MS = 15_000;

/**
 * Parses and validates article JSON text.
 *
 * @param origin Where the text came from, for the message ("the inline JSON").
 * @throws {ArticleLoadError} with reason `json` or `invalid`.
 */
export function readArticle(json: string, origin: string): Article {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new ArticleLoadError('json', `${origin} is not valid JSON (${(cause as Error).message}).`, { cause });
  }
  return checkArticle(value, origin);
}

/**
 * Validates a value as an article.
 *
 * @throws {ArticleLoadError} with reason `invalid`, naming the bad field.
 */
export function checkArticle(value: unknown, origin: string): Article {
  try {
    return validateArticle(value);
  } catch (cause) {
    if (!(cause instanceof InvalidArticleError)) throw cause;
    throw new ArticleLoadError('invalid', `${origin} is not a valid article: ${cause.message}.`, { cause });
  }
}

/**
 * Fetches article JSON from `url` (relative to the page), within a time limit.
 *
 * @throws {ArticleLoadError} for every way that can fail; an abort by `signal`
 *   rejects with the signal's reason instead, so callers can ignore it.
 */
export async function fetchArticle(url: string, signal?: AbortSignal): Promise<Article> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const origin = `The article at ${url}`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: signal ? anySignal([signal, timeout]) : timeout,
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      throw new ArticleLoadError('timeout', `${origin} did not arrive within ${TIMEOUT_MS / 1000} seconds.`, { cause });
    }
    throw new ArticleLoadError('network', `${origin} could not be fetched: the network request failed.`, { cause });
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new ArticleLoadError('http', `${origin} could not be loaded: the server answered ${status}.`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    throw new ArticleLoadError('network', `${origin} was cut off while downloading.`, { cause });
  }
  return readArticle(text, origin);
}
