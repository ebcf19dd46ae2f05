/**
 * Every refusal as an `ErrorBody` with a stable code: ours
 * ({@link CommentsError}), Fastify's own (a body too large, of the wrong
 * type, a query that fails its schema, a URL it cannot decode, a route it
 * does not know), and the unexpected, which is logged and answered 500
 * without a trace of why.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS, type ErrorBody } from '../src/model/comments/contract.js';
import { BASE_HEADERS } from './answer-headers.js';
import { CommentsError, ConflictError, invalidField, invalidParameter } from './errors.js';
import { invalidJson, unsupportedMediaType } from './json-body.js';
import { QUERY_MESSAGES } from './routes/schemas.js';

const notFound = () => new CommentsError(404, 'not_found', 'There is nothing here.');

const tooLarge = () =>
  new CommentsError(413, 'payload_too_large', `The body is larger than ${LIMITS.bodyBytes} bytes.`);

/** What a Fastify error means in the contract's terms; null for a fault of ours. */
function fromFastify(error: FastifyError): CommentsError | null {
  if (error.validation) {
    const [first] = error.validation;
    if (error.validationContext === 'body') return invalidField('', 'must be a JSON object');
    // An empty path segment (`/articles//comments`) names no route.
    if (error.validationContext === 'params') return notFound();
    const missing: unknown = first?.params?.['missingProperty'];
    const field = first?.instancePath.slice(1) || (typeof missing === 'string' ? missing : '');
    return invalidParameter(field, QUERY_MESSAGES[field] ?? `${field} ${first?.message ?? 'is not valid'}`);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return unsupportedMediaType();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return invalidJson();
    case 'FST_ERR_BAD_URL':
      return notFound();
    default:
      return null;
  }
}

function send(reply: FastifyReply, error: CommentsError): void {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field !== undefined && { field: error.field }),
      ...(error instanceof ConflictError && { current: error.current }),
    },
  };
  if (error.status === 413) {
    // The rest of the body is not worth reading: answer, then hang up.
    reply.header('Connection', 'close');
    reply.raw.once('finish', () => reply.request.raw.socket.destroy());
  }
  void reply.code(error.status).headers(error.headers).send(body);
}

/**
 * Answers every error with an `ErrorBody`; `log` hears of the unexpected ones.
 * `frameworkErrors` (Fastify's option of that name) handles the URLs the router refuses.
 */
export function answerErrors(app: FastifyInstance, log: (error: unknown) => void): void {
  app.setNotFoundHandler((_request, reply) => send(reply, notFound()));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A client that hung up mid-upload is gone: nobody to answer, nothing of ours to log.
    if (request.raw.socket.destroyed || error.code === 'ECONNRESET') return void reply.raw.destroy();
    const known = error instanceof CommentsError ? error : fromFastify(error);
    if (known) return send(reply, known);
    log(error);
    send(reply, new CommentsError(500, 'internal', 'Something went wrong on our side.'));
  });
}

/**
 * For Fastify's `frameworkErrors` option: a URL it cannot decode names
 * nothing here. Its answer skips the hooks, so it gets the base headers here.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.headers(BASE_HEADERS);
  send(reply, fromFastify(error) ?? notFound());
}
