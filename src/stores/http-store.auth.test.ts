import { expect } from '@open-wc/testing';
import { EditKeys } from './edit-keys.js';
import { HttpStore } from './http-store.js';
import { Session } from './session.js';
import { MemoryStorage, rejection } from './test-helpers.js';

const part = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (name: string) => `${part({ alg: 'HS256', kid: 'k' })}.${part({ name })}.c2ln`;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refusal = (status: number, code: string, message = 'No.') => json(status, { error: { code, message } });

/** A fetch answering in turn, recording each request's method, URL and headers. */
function scripted(...answers: Response[]) {
  const calls: { method: string; url: string; headers: Headers }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ method: init.method ?? 'GET', url, headers: new Headers(init.headers) });
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return answer;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const soon = () => new Date(Date.now() + 10 * 60_000).toISOString();
const comment = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  parentId: null,
  author: 'Ana',
  text: 'Hi',
  createdAt: new Date().toISOString(),
  recommends: 0,
  ...extra,
});
const page = (...threads: object[]) => ({
  threads: threads.map((thread) => ({
    ...thread,
    replies: [],
    replyCount: 0,
    repliesNextCursor: null,
    repliesPrevCursor: null,
  })),
  nextCursor: null,
  prevCursor: null,
  total: threads.length,
});
const draft = { author: 'Ana', text: 'Hi', idempotencyKey: 'k1' };

describe('HttpStore, signed in and authoring', () => {
  let storage: MemoryStorage;
  let editKeys: EditKeys;
  beforeEach(() => {
    storage = new MemoryStorage();
    editKeys = new EditKeys({ storage });
  });

  it('sends the session’s token on every call as a Bearer header, never in the URL', async () => {
    const { fetch, calls } = scripted(
      json(200, page()),
      json(200, { count: 0 }),
      json(201, comment('c1')),
      json(200, { count: 1 }),
    );
    const store = new HttpStore('https://api.example/', { fetch, editKeys });
    const session = new Session({ token: jwt('Ana') });
    await store.list('a1', { sort: 'newest', session });
    await store.count('a1', { session });
    await store.post('a1', draft, { session });
    expect(calls.map((call) => call.headers.get('Authorization'))).to.deep.equal(Array(3).fill(`Bearer ${jwt('Ana')}`));
    expect(calls.every((call) => !call.url.includes(jwt('Ana')))).to.equal(true);
    await store.count('a1');
    expect(calls[3]!.headers.has('Authorization')).to.equal(false);
  });

  it('asks the token endpoint again once when the server says the token expired, and calls again with the fresh one', async () => {
    const tokens = [jwt('Old'), jwt('New')];
    const session = new Session({
      endpoint: '/token',
      fetch: (async () => json(200, { token: tokens.shift() })) as typeof fetch,
    });
    const { fetch, calls } = scripted(refusal(401, 'token_expired'), json(201, comment('c1')));
    const store = new HttpStore('https://api.example/', { fetch, editKeys, retries: 0 });
    expect((await store.post('a1', draft, { session })).id).to.equal('c1');
    expect(calls.map((call) => call.headers.get('Authorization'))).to.deep.equal([
      `Bearer ${jwt('Old')}`,
      `Bearer ${jwt('New')}`,
    ]);
  });

  it('refreshes an expired token once only, and says so when the fresh one is refused too', async () => {
    const session = new Session({
      endpoint: '/token',
      fetch: (async () => json(200, { token: jwt('Ana') })) as typeof fetch,
    });
    const { fetch, calls } = scripted(refusal(401, 'token_expired'), refusal(401, 'token_expired'), json(201, {}));
    const store = new HttpStore('https://api.example/', { fetch, editKeys, retries: 3 });
    expect(await rejection(store.post('a1', draft, { session }))).to.include({ code: 'token_expired', status: 401 });
    expect(calls).to.have.length(2);
  });

  it('reads on without a token when the reader is signed out by the time theirs expired', async () => {
    // Signed in when first asked; signed out (204) by the time the token is renewed.
    let asked = 0;
    const session = new Session({
      endpoint: '/token',
      fetch: (async () =>
        ++asked === 1 ? json(200, { token: jwt('Ana') }) : new Response(null, { status: 204 })) as typeof fetch,
    });
    const { fetch, calls } = scripted(refusal(401, 'token_expired'), json(200, page()));
    const store = new HttpStore('https://api.example/', { fetch, editKeys, retries: 0 });
    expect((await store.list('a1', { sort: 'newest', session })).threads).to.deep.equal([]);
    expect(calls.map((call) => call.headers.has('Authorization'))).to.deep.equal([true, false]);
  });

  it('gives up on an expired token a property gave, which cannot be renewed here', async () => {
    const { fetch, calls } = scripted(refusal(401, 'token_expired'));
    const store = new HttpStore('https://api.example/', { fetch, editKeys });
    const session = new Session({ token: jwt('Ana') });
    expect(await rejection(store.post('a1', draft, { session }))).to.include({ code: 'token_expired' });
    expect(calls).to.have.length(1);
  });

  it('reads anonymously when the token endpoint cannot be asked, but does not post under no name', async () => {
    const session = new Session({ endpoint: '/token', fetch: (async () => json(500, {})) as typeof fetch });
    const { fetch, calls } = scripted(json(200, page()));
    const store = new HttpStore('https://api.example/', { fetch, editKeys, retries: 0 });
    await store.list('a1', { sort: 'newest', session });
    expect(calls[0]!.headers.has('Authorization')).to.equal(false);
    const error = await rejection(store.post('a1', draft, { session }));
    expect(error).to.include({ code: 'session', retryable: true });
    expect(error.message).to.equal('The sign-in service answered 500.');
    expect(calls).to.have.length(1);
  });

  it('keeps an anonymous comment’s edit key, marks the comment as the reader’s, and sends the key to edit and delete it', async () => {
    const until = soon();
    const { fetch, calls } = scripted(
      json(201, comment('c1', { editKey: 'secret-1', editableUntil: until })),
      json(200, page(comment('c1'), comment('c2'))),
      json(200, comment('c1', { text: 'Better', edited: true })),
      json(200, { deleted: true, kept: false }),
      json(200, page(comment('c1'))),
    );
    const store = new HttpStore('https://api.example/', { fetch, editKeys });
    const posted = await store.post('a1', draft);
    expect(posted).to.include({ id: 'c1', mine: true, editableUntil: until });
    expect(posted).not.to.have.property('editKey');

    // A store of another page load, over the same storage: the key outlives the page.
    const later = new HttpStore('https://api.example/', { fetch, editKeys: new EditKeys({ storage }) });
    const { threads } = await later.list('a1', { sort: 'newest' });
    expect(threads.map((thread) => [thread.id, thread.mine ?? false])).to.deep.equal([
      ['c1', true],
      ['c2', false],
    ]);
    expect(Date.parse(threads[0]!.editableUntil!)).to.equal(Date.parse(until));

    expect(await later.edit('a1', 'c1', 'Better')).to.include({ text: 'Better', edited: true, mine: true });
    expect(calls[2]).to.include({ method: 'PATCH', url: 'https://api.example/articles/a1/comments/c1' });
    expect(calls[2]!.headers.get('X-Edit-Key')).to.equal('secret-1');

    expect(await later.remove('a1', 'c1')).to.deep.equal({ deleted: true, kept: false });
    expect(calls[3]).to.include({ method: 'DELETE', url: 'https://api.example/articles/a1/comments/c1' });
    expect(calls[3]!.headers.get('X-Edit-Key')).to.equal('secret-1');
    // Deleted: the key is gone with it.
    expect((await later.list('a1', { sort: 'newest' })).threads[0]!.mine).to.equal(undefined);
    expect(storage.length).to.equal(0);
  });

  it('keeps keys per endpoint and article, and forgets them once their window passed', async () => {
    let now = Date.now();
    const keys = new EditKeys({ storage, now: () => now });
    keys.keep('https://a.example/', 'a1', 'c1', { key: 'k1', until: now + 1000 });
    keys.keep('https://a.example/', 'a1', 'c2', { key: 'k2', until: now + 5000 });
    keys.keep('https://b.example/', 'a1', 'c1', { key: 'other', until: now + 5000 });
    expect(keys.get('https://a.example/', 'a2', 'c1')).to.equal(undefined);
    expect(keys.get('https://a.example/', 'a1', 'c1')?.key).to.equal('k1');
    now += 2000;
    expect([...keys.of('https://a.example/', 'a1').keys()]).to.deep.equal(['c2']);
    keys.keep('https://a.example/', 'a1', 'c3', { key: 'k3', until: now + 5000 });
    // Written again: the key past its window is pruned from storage, not only hidden.
    expect(storage.getItem(storage.key(0)!)).not.to.include('k1');
  });

  it('keeps the key of a comment awaiting review past its window, until the server lists it held no more', async () => {
    let now = Date.now();
    const keys = new EditKeys({ storage, now: () => now });
    const at = 'https://a.example/';
    keys.keep(at, 'a1', 'held', { key: 'kh', until: now + 1000, awaiting: now + 100_000 });
    keys.keep(at, 'a1', 'plain', { key: 'kp', until: now + 1000 });
    now += 2000;
    expect([...keys.of(at, 'a1').keys()], 'its edit window closed').to.deep.equal([]);
    expect([...keys.awaiting(at, 'a1')]).to.deep.equal([['held', 'kh']]);
    keys.keep(at, 'a1', 'next', { key: 'kn', until: now + 1000 });
    expect(storage.getItem(storage.key(0)!), 'kept when written again').to.include('kh');
    keys.reviewed(at, 'a1', new Set(['held']));
    expect([...keys.awaiting(at, 'a1').keys()], 'still held').to.deep.equal(['held']);
    keys.reviewed(at, 'a1', new Set());
    expect([...keys.awaiting(at, 'a1').keys()], 'decided').to.deep.equal([]);
    expect(storage.getItem(storage.key(0)!)).not.to.include('kh');
  });

  it('asks a first page for the held comments it has keys of, and no later page', async () => {
    const calls: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(new Request(input, init));
      return new Response(JSON.stringify({ threads: [], nextCursor: null, prevCursor: null, total: 0 }), {
        headers: { 'Content-Type': 'application/json' },
      });
    };
    const keys = new EditKeys({ storage });
    keys.keep('https://api.example/', 'a1', 'c 1', { key: 'key-1', until: 0, awaiting: Date.now() + 60_000 });
    const store = new HttpStore('https://api.example/', { fetch, editKeys: keys, retries: 0 });
    await store.list('a1', { sort: 'newest' });
    await store.list('a1', { sort: 'newest', cursor: 'next' });
    expect(calls.map((call) => call.headers.get('X-Edit-Keys'))).to.deep.equal(['c%201=key-1', null]);
    expect([...keys.awaiting('https://api.example/', 'a1')], 'the page listed it held no more').to.deep.equal([]);
  });

  it('passes on not_author and sign_in_required with their codes, and reads a delete it cannot read as a server error', async () => {
    const { fetch } = scripted(
      refusal(403, 'not_author', 'This is not your comment.'),
      refusal(401, 'sign_in_required', 'Sign in to comment.'),
      json(200, { deleted: 'yes' }),
    );
    const store = new HttpStore('https://api.example/', { fetch, editKeys, retries: 0 });
    expect(await rejection(store.edit('a1', 'c9', 'Mine now'))).to.include({ code: 'not_author', status: 403 });
    expect(await rejection(store.post('a1', draft))).to.include({ code: 'sign_in_required', status: 401 });
    expect(await rejection(store.remove('a1', 'c9'))).to.include({ code: 'server', retryable: true });
  });
});
