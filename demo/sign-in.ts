/**
 * The demo's stand-in for a publisher's login: one demo reader, signed in by
 * a cookie, and the token endpoint `<news-comments token-endpoint>` asks.
 * Its key is made when `npm start` starts and lives only in this process,
 * so no secret ships with the code, and no token outlives the demo.
 *
 * - `POST /demo/sign-in`  sets the cookie → `{ token }`
 * - `POST /demo/sign-out` clears it → 204
 * - `GET  /demo/token`    `{ token }` for the demo reader, 204 for anyone else
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
const COOKIE = 'demo-reader=1';
/** Short, as a publisher's tokens should be: the element asks for a fresh one when it expires. */
const TOKEN_SECONDS = 10 * 60;

export interface DemoSignIn {
  /** The key set the comments server verifies the demo's tokens with. */
  readonly keys: KeySet;
  /** Answers the demo's sign-in paths; false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean>;
}

export async function demoSignIn(enabled: boolean): Promise<DemoSignIn> {
  const secret = randomBytes(32).toString('base64url');
  const keys = await readKeySet(JSON.stringify({ [KID]: { alg: 'HS256', secret } }));
  const token = () => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: 'Demo Reader' })
      .setProtectedHeader({ alg: 'HS256', kid: KID })
      .setSubject('demo-reader')
      .setAudience(DEMO_SITE)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_SECONDS)
      .sign(new TextEncoder().encode(secret));
  };
  const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
    response
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers })
      .end(JSON.stringify(body));

  return {
    keys,
    async handle(request, response, pathname) {
      if (pathname === '/demo/sign-in' && request.method === 'POST' && !enabled) {
        response.writeHead(501, { 'Content-Type': 'text/plain' }).end('This comments server has no demo sign-in.');
      } else if (pathname === '/demo/sign-in' && request.method === 'POST') {
        json(response, { token: await token() }, { 'Set-Cookie': `${COOKIE}; Path=/; HttpOnly; SameSite=Strict` });
      } else if (pathname === '/demo/sign-out' && request.method === 'POST') {
        response.writeHead(204, { 'Set-Cookie': 'demo-reader=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict' }).end();
      } else if (pathname === '/demo/token' && request.method === 'GET') {
        const signedIn = enabled && (request.headers.cookie ?? '').split(/;\s*/).includes(COOKIE);
        if (signedIn) json(response, { token: await token() });
        else response.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      } else {
        return false;
      }
      return true;
    },
  };
}
