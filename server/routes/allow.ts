/**
 * What a path answers besides its routes: a preflight (`OPTIONS`, 204 with
 * `Allow`; CORS headers come from `@fastify/cors`), and 405 with `Allow`
 * for every other method.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { methodNotAllowed } from '../errors.js';

const METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** The route config every path carries: the methods it answers, as an `Allow` header. */
export interface PathConfig {
  readonly allow: string;
}

/** Registers the preflight and the 405s of `url`, whose routes answer `methods`. */
export function allowOnly(app: FastifyInstance, url: string, methods: readonly HTTPMethods[]): void {
  const config: PathConfig = { allow: methods.join(', ') };
  app.options(url, { config }, (_request, reply) => {
    // Content-Length 0: some browsers wait for a body otherwise, even on a 204.
    void reply
      .code(204)
      .headers({ Allow: config.allow, 'Content-Length': '0' })
      .type('application/json; charset=utf-8')
      .send();
  });
  const others = METHODS.filter((method) => !methods.includes(method));
  app.route({
    method: others as HTTPMethods[],
    url,
    config,
    handler: () => Promise.reject(methodNotAllowed(config.allow)),
  });
}
