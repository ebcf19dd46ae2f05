import { expect } from '@open-wc/testing';
import { readToken, Session, SessionError } from './session.js';

const part = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
/** A token's shape; its signature is the server's business, not the browser's. */
const jwt = (claims: object) => `${part({ alg: 'HS256', kid: 'k' })}.${part(claims)}.c2ln`;

/** A token endpoint answering in turn, and the requests it was sent. */
function endpoint(...answers: (() => Response)[]) {
  const requests: RequestInit[] = [];
  const fetcher = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push(init ?? {});
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  }) as typeof fetch;
  return { fetcher, requests };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('Session', () => {
  it('reads the name, role and expiry a token carries, in any script', () => {
    const signedIn = readToken(jwt({ name: 'Zoë 李 🙂', role: 'moderator', exp: 2_000_000_000 }));
    expect(signedIn).to.include({ name: 'Zoë 李 🙂', role: 'moderator', expiresAt: 2_000_000_000_000 });
    expect(readToken(jwt({ sub: 'x' }))).to.equal(null);
    expect(readToken('not.a.token')).to.equal(null);
  });

  it('uses a token given as a property, without asking anyone', async () => {
    const { fetcher, requests } = endpoint();
    const session = new Session({ token: jwt({ name: 'Ana' }), endpoint: '/token', fetch: fetcher });
    expect((await session.current())?.name).to.equal('Ana');
    expect(await session.refresh()).to.equal(null);
    expect(requests).to.have.length(0);
  });

  it('asks the token endpoint once, with the reader’s cookies', async () => {
    const { fetcher, requests } = endpoint(json({ token: jwt({ name: 'Ana' }) }));
    const session = new Session({ endpoint: '/token', fetch: fetcher });
    expect((await session.current())?.name).to.equal('Ana');
    expect((await session.current())?.name).to.equal('Ana');
    expect(requests).to.have.length(1);
    expect(requests[0]!.credentials).to.equal('include');
  });

  it('takes 401 and 204 as signed out', async () => {
    for (const status of [401, 204]) {
      const { fetcher } = endpoint(() => new Response(null, { status }));
      expect(await new Session({ endpoint: '/token', fetch: fetcher }).current()).to.equal(null);
    }
  });

  it('fetches a fresh token on refresh', async () => {
    const { fetcher, requests } = endpoint(
      json({ token: jwt({ name: 'Ana' }) }),
      json({ token: jwt({ name: 'Ana B.' }) }),
    );
    const session = new Session({ endpoint: '/token', fetch: fetcher });
    await session.current();
    expect((await session.refresh())?.name).to.equal('Ana B.');
    expect(requests).to.have.length(2);
  });

  it('asks once for calls refused at once for the same expired token, and again for a later one', async () => {
    const { fetcher, requests } = endpoint(
      json({ token: jwt({ name: 'Old' }) }),
      json({ token: jwt({ name: 'New' }) }),
      json({ token: jwt({ name: 'Newer' }) }),
    );
    const session = new Session({ endpoint: '/token', fetch: fetcher });
    const old = (await session.current())!.token;
    const [a, b] = await Promise.all([session.refresh(old), session.refresh(old)]);
    expect([a?.name, b?.name]).to.deep.equal(['New', 'New']);
    expect((await session.refresh(old))?.name).to.equal('New');
    expect(requests).to.have.length(2);
    expect((await session.refresh(a!.token))?.name).to.equal('Newer');
    expect(requests).to.have.length(3);
  });

  it('says why an endpoint cannot be asked, and asks again next time', async () => {
    const failures = [
      [endpoint(), /reach/],
      [endpoint(() => new Response('oops', { status: 500 })), /500/],
      [endpoint(() => new Response('<html>', { status: 200 })), /JSON/],
      [endpoint(json({ token: 'garbage' })), /not a sign-in token/],
    ] as const;
    for (const [{ fetcher }, message] of failures) {
      const error = await new Session({ endpoint: '/token', fetch: fetcher })
        .current()
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(SessionError);
      expect((error as Error).message).to.match(message);
    }
    const { fetcher, requests } = endpoint(
      () => new Response('oops', { status: 503 }),
      json({ token: jwt({ name: 'Ana' }) }),
    );
    const session = new Session({ endpoint: '/token', fetch: fetcher });
    await session.current().catch(() => {});
    expect((await session.current())?.name).to.equal('Ana');
    expect(requests).to.have.length(2);
  });
});
