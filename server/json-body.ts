/**
 * Request bodies: JSON only, in UTF-8 only, parsed strictly. Fastify reads
 * the body under the app's `bodyLimit`; this decides what the bytes mean.
 */
import type { FastifyInstance } from 'fastify';
import { CommentsError } from './errors.js';

/** `application/json`, with no charset or charset utf-8. */
export function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

export const unsupportedMediaType = (): CommentsError =>
  new CommentsError(415, 'unsupported_media_type', 'Send the body as application/json.');

export const invalidJson = (): CommentsError =>
  new CommentsError(400, 'invalid_json', 'The body is not JSON in UTF-8.');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's body parsers with one for `application/json` that
 * refuses other charsets (415) and bytes that are not UTF-8 or not JSON (400).
 * Any other media type is left without a parser, which Fastify answers 415.
 */
export function parseJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/json\b/i, { parseAs: 'buffer' }, (request, body, done) => {
    if (!isJson(request.headers['content-type'])) return done(unsupportedMediaType());
    // A DELETE means nothing by its body; clients that always send the header send none.
    if (request.method === 'DELETE' && (body as Buffer).length === 0) return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(body as Buffer));
    } catch {
      return done(invalidJson());
    }
    done(null, value);
  });
}
