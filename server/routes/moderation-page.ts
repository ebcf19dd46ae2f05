/**
 * `GET /moderate`: the page a newsroom moderates from, `<news-moderation>`
 * over this server's moderators' API, and `GET /moderate/news-moderation.js`,
 * the element's self-contained module from the built package
 * (`dist/moderation/`, made by `npm run build`).
 *
 * The page is served under a strict policy: no inline script or style,
 * scripts and connections to this origin only (and the token endpoint's),
 * Trusted Types required. The moderator signs in through the token endpoint
 * when the server is given one, else by pasting a token, which the element
 * keeps in the tab's `sessionStorage` only.
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { CommentsError } from '../errors.js';
import { allowOnly } from './allow.js';

export interface ModerationPageOptions {
  /** Where the API lives, as `AppOptions.basePath` says (`''` for the root); the page lives there too. */
  readonly apiPath: string;
  /** A URL on the newsroom's site answering `{ "token": "…" }` for a signed-in moderator. */
  readonly tokenEndpoint?: string | undefined;
  /** The element's built module; default the package's `dist/moderation/news-moderation.js`. */
  readonly modulePath?: string | URL;
}

const BUILT_MODULE = new URL('../../dist/moderation/news-moderation.js', import.meta.url);

/** `&`, `<`, `>` and `"` as entities, so that a value stays one attribute's value. */
const escapeAttribute = (text: string) =>
  text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

/** The page's policy: what the element needs and nothing more. */
export function moderationPagePolicy(tokenEndpoint?: string): string {
  const tokenOrigin = tokenEndpoint && URL.canParse(tokenEndpoint) ? ` ${new URL(tokenEndpoint).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${tokenOrigin}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

function page({ apiPath, tokenEndpoint }: ModerationPageOptions): string {
  const token = tokenEndpoint ? ` token-endpoint="${escapeAttribute(tokenEndpoint)}"` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Moderation</title>
    <script type="module" src="${escapeAttribute(apiPath)}/moderate/news-moderation.js"></script>
  </head>
  <body>
    <main>
      <news-moderation endpoint="${escapeAttribute(apiPath)}/"${token}></news-moderation>
    </main>
  </body>
</html>
`;
}

export async function moderationPageRoutes(app: FastifyInstance, options: ModerationPageOptions): Promise<void> {
  const html = page(options);
  const policy = moderationPagePolicy(options.tokenEndpoint);
  /** The module, read once it is first asked for; asked again while it is not built. */
  let module: Promise<Buffer> | undefined;

  app.get('/moderate', { config: { allow: 'GET' } }, async (_request, reply) =>
    reply.headers({ 'Content-Security-Policy': policy }).type('text/html; charset=utf-8').send(html),
  );
  allowOnly(app, '/moderate', ['GET']);

  app.get('/moderate/news-moderation.js', { config: { allow: 'GET' } }, async (_request, reply) => {
    module ??= readFile(options.modulePath ?? BUILT_MODULE);
    let body: Buffer;
    try {
      body = await module;
    } catch {
      module = undefined;
      throw new CommentsError(404, 'not_found', 'The moderation page is not built: run `npm run build`.');
    }
    return reply.type('text/javascript; charset=utf-8').send(body);
  });
  allowOnly(app, '/moderate/news-moderation.js', ['GET']);
}
