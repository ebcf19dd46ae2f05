/**
 * The demo's stand-in for a publisher's login: one demo reader and one demo
 * moderator, each signed in by a cookie, and the token endpoints the
 * elements ask. Its key is made when `npm start` starts and lives only in
 * this process, so no secret ships with the code, and no token outlives
 * the demo.
 *
 * - `POST /demo/sign-in`  sets the reader's cookie → `{ token }`
 * - `POST /demo/sign-out` clears it → 204
 * - `GET  /demo/token`    `{ token }` for the demo reader, 204 for anyone else
 * - `POST /demo/moderator-sign-in` sets the moderator's cookie → 303 to the
 *   comments server's `/moderate`
 * - `GET  /demo/moderator-token` `{ token }` (`role: "moderator"`) for the
 *   demo moderator, 204 for anyone else; asked by `/moderate`, which the
 *   comments server serves from its own origin, so it answers CORS with
 *   credentials to that origin, and to no other
 *
 * The cookies are `SameSite=Strict`: the comments server on another port
 * of the same host is the same site, so `/moderate`'s request carries the
 * moderator's cookie, and no other site's does.
 *
 * Beside a comments server the demo did not start (`COMMENTS_ENDPOINT`),
 * which knows nothing of this key, nobody is signed in: sign-in answers 501.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { readKeySet, type KeySet } from '../server/auth/keys.js';

/** The site id the demo's comments server checks tokens for. */
export const DEMO_SITE = 'news-widget-demo';
const KID = 'demo';
const READER_COOKIE = 'demo-reader=1';
const MODERATOR_COOKIE = 'demo-moderator=1';
/** Short, as a publisher's tokens should be: the elements ask for a fresh one when it expires. */
const TOKEN_SECONDS = 10 * 60;

/** An account of the demo's made-up site: whom a token says it is. */
export interface DemoAccount {
  readonly sub: string;
  readonly name: string;
  readonly role?: 'moderator';
}

export const DEMO_READER: DemoAccount = { sub: 'demo-reader', name: 'Demo Reader' };
export const DEMO_MODERATOR: DemoAccount = { sub: 'demo-moderator', name: 'Demo Moderator', role: 'moderator' };

export interface DemoSignIn {
  /** The key set the comments server verifies the demo's tokens with. */
  readonly keys: KeySet;
  /** A fresh token for `account`, signed with the demo's key. */
  token(account: DemoAccount): Promise<string>;
  /**
   * Where the demo moderator is sent once signed in: the comments server's
   * `/moderate`, whose origin alone may read the moderator's token.
   */
  moderateAt(moderatePage: string): void;
  /** Answers the demo's sign-in paths; false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean>;
}

const hasCookie = (request: IncomingMessage, cookie: string) =>
  (request.headers.cookie ?? '').split(/;\s*/).includes(cookie);

export async function demoSignIn(enabled: boolean): Promise<DemoSignIn> {
  const secret = randomBytes(32).toString('base64url');
  const keys = await readKeySet(JSON.stringify({ [KID]: { alg: 'HS256', secret } }));
  let moderatePage: URL | undefined;
  const token = ({ sub, name, role }: DemoAccount) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(role ? { name, role } : { name })
      .setProtectedHeader({ alg: 'HS256', kid: KID })
      .setSubject(sub)
      .setAudience(DEMO_SITE)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_SECONDS)
      .sign(new TextEncoder().encode(secret));
  };
  const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
    response
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers })
      .end(JSON.stringify(body));
  const setCookie = (cookie: string) => `${cookie}; Path=/; HttpOnly; SameSite=Strict`;
  const noSignIn = (response: ServerResponse) =>
    response.writeHead(501, { 'Content-Type': 'text/plain' }).end('This comments server has no demo sign-in.');

  /** The moderator's token endpoint, read by `/moderate` from the comments server's origin only. */
  const moderatorToken = async (request: IncomingMessage, response: ServerResponse) => {
    const cors: Record<string, string> = { Vary: 'Origin' };
    if (moderatePage && request.headers.origin === moderatePage.origin) {
      cors['Access-Control-Allow-Origin'] = moderatePage.origin;
      cors['Access-Control-Allow-Credentials'] = 'true';
    }
    if (enabled && hasCookie(request, MODERATOR_COOKIE)) json(response, { token: await token(DEMO_MODERATOR) }, cors);
    else response.writeHead(204, { 'Cache-Control': 'no-store', ...cors }).end();
  };

  return {
    keys,
    token,
    moderateAt(page) {
      moderatePage = new URL(page);
    },
    async handle(request, response, pathname) {
      const post = request.method === 'POST';
      if ((pathname === '/demo/sign-in' || pathname === '/demo/moderator-sign-in') && post && !enabled) {
        noSignIn(response);
      } else if (pathname === '/demo/sign-in' && post) {
        json(response, { token: await token(DEMO_READER) }, { 'Set-Cookie': setCookie(READER_COOKIE) });
      } else if (pathname === '/demo/sign-out' && post) {
        response.writeHead(204, { 'Set-Cookie': 'demo-reader=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict' }).end();
      } else if (pathname === '/demo/token' && request.method === 'GET') {
        if (enabled && hasCookie(request, READER_COOKIE)) json(response, { token: await token(DEMO_READER) });
        else response.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      } else if (pathname === '/demo/moderator-sign-in' && post) {
        if (!moderatePage) noSignIn(response);
        else response.writeHead(303, { Location: moderatePage.href, 'Set-Cookie': setCookie(MODERATOR_COOKIE) }).end();
      } else if (pathname === '/demo/moderator-token' && request.method === 'GET') {
        await moderatorToken(request, response);
      } else {
        return false;
      }
      return true;
    },
  };
}
