import { expect } from '@open-wc/testing';
import { LIMITS, SORTS, type NewComment } from '../model/comments/contract.js';
import { LocalStore } from './local-store.js';
import { rejection, ticking, withoutWarnings } from './test-helpers.js';

/** A Storage held in a Map, whose writes can be made to fail like a full quota. */
class MapStorage implements Storage {
  readonly map = new Map<string, string>();
  full = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(key, value);
  }
}

/** Where the store's clock starts: a fixed date, so every run stores the same times. */
const START = Date.parse('2026-01-01T00:00:00Z');

let n = 0;
const draft = (text: string, extra: Partial<NewComment> = {}): NewComment => ({
  author: 'Ana',
  text,
  idempotencyKey: `key-${++n}`,
  ...extra,
});

describe('LocalStore', () => {
  let storage: MapStorage;
  let store: LocalStore;
  beforeEach(() => {
    storage = new MapStorage();
    store = new LocalStore({ storage, now: ticking(START) });
  });

  it('is a local, persistent store and starts empty', async () => {
    expect(store.kind).to.equal('local');
    expect(store.persistent).to.equal(true);
    const page = await store.list('a1', { sort: 'newest' });
    expect(page).to.deep.equal({ threads: [], nextCursor: null, prevCursor: null, total: 0 });
    expect(await store.count('a1')).to.equal(0);
  });

  it('posts a comment and keeps it in storage, per article', async () => {
    const comment = await store.post('a1', draft('Hello'));
    expect(comment).to.include({ author: 'Ana', text: 'Hello', parentId: null, recommends: 0 });
    expect(Date.parse(comment.createdAt)).to.not.be.NaN;
    const again = new LocalStore({ storage });
    expect((await again.list('a1', { sort: 'newest' })).threads.map((t) => t.id)).to.deep.equal([comment.id]);
    expect(await again.count('a2')).to.equal(0);
  });

  it('validates like the server: empty, invisible-only and overlong fields are refused with their field', async () => {
    expect((await rejection(store.post('a1', draft('hi', { author: '  \u200B ' })))).field).to.equal('author');
    const long = await rejection(store.post('a1', draft('x'.repeat(LIMITS.textLength + 1))));
    expect(long).to.include({ code: 'validation_failed', field: 'text', status: 422, retryable: false });
    // The limit counts code points, so 5000 emoji are allowed.
    await store.post('a1', draft('😀'.repeat(LIMITS.textLength)));
    expect(await store.count('a1')).to.equal(1);
  });

  it('stores a comment once per idempotency key', async () => {
    const input = draft('once');
    const [a, b] = await Promise.all([store.post('a1', input), store.post('a1', input)]);
    const c = await store.post('a1', input);
    expect(b.id).to.equal(a.id);
    expect(c.id).to.equal(a.id);
    expect(await store.count('a1')).to.equal(1);
  });

  it('threads replies one level deep, oldest reply first, and counts them in the total', async () => {
    const top = await store.post('a1', draft('top'));
    const r1 = await store.post('a1', draft('r1', { parentId: top.id }));
    const r2 = await store.post('a1', draft('r2', { parentId: r1.id }));
    expect(r2.parentId).to.equal(top.id);
    const page = await store.list('a1', { sort: 'newest' });
    expect(page.threads).to.have.length(1);
    expect(page.threads[0]!.replies.map((r) => r.text)).to.deep.equal(['r1', 'r2']);
    expect(page.total).to.equal(3);
    const missing = await rejection(store.post('a1', draft('x', { parentId: 'nope' })));
    expect(missing).to.include({ code: 'validation_failed', field: 'parentId' });
  });

  it('sorts by newest, oldest and most recommended', async () => {
    const a = await store.post('a1', draft('a'));
    const b = await store.post('a1', draft('b'));
    const c = await store.post('a1', draft('c'));
    await store.recommend('a1', a.id, 'r1');
    await store.recommend('a1', a.id, 'r2');
    await store.recommend('a1', c.id, 'r1');
    const order = async (sort: (typeof SORTS)[number]) =>
      (await store.list('a1', { sort })).threads.map((t) => t.text).join('');
    expect(await order('newest')).to.equal('cba');
    expect(await order('oldest')).to.equal('abc');
    expect(await order('recommended')).to.equal('acb');
    expect(b.recommends).to.equal(0);
  });

  it('recommends and flags once per reader', async () => {
    const c = await store.post('a1', draft('c'));
    expect(await store.recommend('a1', c.id, 'r1')).to.deep.equal({ recommends: 1 });
    expect(await store.recommend('a1', c.id, 'r1')).to.deep.equal({ recommends: 1 });
    expect(await store.recommend('a1', c.id, 'r2')).to.deep.equal({ recommends: 2 });
    expect((await store.list('a1', { sort: 'newest' })).threads[0]!.recommends).to.equal(2);
    expect(await store.flag('a1', c.id, 'r1')).to.deep.equal({ flagged: true });
    expect(await store.flag('a1', c.id, 'r1')).to.deep.equal({ flagged: true });
    expect((await rejection(store.recommend('a1', 'nope', 'r1'))).code).to.equal('comment_not_found');
    expect((await rejection(store.flag('a1', c.id, ''))).field).to.equal('readerId');
  });

  it('refuses the reader ids the server refuses', async () => {
    const c = await store.post('a1', draft('c'));
    for (const readerId of ['', '   ', '\t\n', 'r\uD800', '\uDC00', 'r'.repeat(LIMITS.readerIdLength + 1)]) {
      const error = await rejection(store.recommend('a1', c.id, readerId));
      expect(error, JSON.stringify(readerId)).to.include({ code: 'validation_failed', field: 'readerId', status: 422 });
      expect((await rejection(store.flag('a1', c.id, readerId))).field).to.equal('readerId');
    }
    expect(await store.recommend('a1', c.id, 'r'.repeat(LIMITS.readerIdLength))).to.deep.equal({ recommends: 1 });
    expect(await store.recommend('a1', c.id, ' padded ')).to.deep.equal({ recommends: 2 });
  });

  it('hides a comment flagged by enough distinct readers, with its thread and from the count', async () => {
    const strict = new LocalStore({ storage, now: ticking(START), flagThreshold: 2 });
    const bad = await strict.post('a1', draft('spam'));
    await strict.post('a1', draft('reply to spam', { parentId: bad.id }));
    const good = await strict.post('a1', draft('good'));
    await strict.flag('a1', bad.id, 'r1');
    await strict.flag('a1', bad.id, 'r1');
    expect(await strict.count('a1')).to.equal(3);
    await strict.flag('a1', bad.id, 'r2');
    const page = await strict.list('a1', { sort: 'oldest' });
    expect(page.threads.map((t) => t.id)).to.deep.equal([good.id]);
    expect(page.total).to.equal(1);
    expect(await strict.count('a1')).to.equal(1);
    expect((await rejection(strict.list('a1', { sort: 'oldest', around: bad.id }))).code).to.equal('comment_not_found');
    expect((await rejection(strict.post('a1', draft('x', { parentId: bad.id })))).field).to.equal('parentId');
    expect((await rejection(strict.recommend('a1', bad.id, 'r3'))).code).to.equal('comment_not_found');
  });

  it('pages with cursors without repeating or skipping, even when comments arrive between pages', async () => {
    for (let i = 0; i < 45; i++) await store.post('a1', draft(`c${i}`));
    const seen: string[] = [];
    let page = await store.list('a1', { sort: 'newest', limit: 20 });
    seen.push(...page.threads.map((t) => t.text));
    await store.post('a1', draft('late')); // lands on top, must not shift the next page
    while (page.nextCursor) {
      page = await store.list('a1', { sort: 'newest', limit: 20, cursor: page.nextCursor });
      seen.push(...page.threads.map((t) => t.text));
    }
    expect(seen).to.deep.equal(Array.from({ length: 45 }, (_, i) => `c${44 - i}`));
    expect(page.total).to.equal(46);
  });

  it('caps the page size, refuses one that is no whole number from 1, and a cursor of another sort', async () => {
    for (let i = 0; i < 3; i++) await store.post('a1', draft(`c${i}`));
    expect((await store.list('a1', { sort: 'oldest', limit: 1000 })).threads).to.have.length(3);
    expect(await rejection(store.list('a1', { sort: 'oldest', limit: 0 }))).to.include({ status: 400, field: 'limit' });
    const first = await store.list('a1', { sort: 'oldest', limit: 1 });
    expect(first.threads).to.have.length(1);
    const wrong = await rejection(store.list('a1', { sort: 'newest', cursor: first.nextCursor }));
    expect(wrong).to.include({ code: 'validation_failed', field: 'cursor' });
    expect((await rejection(store.list('a1', { sort: 'newest', cursor: '%%%' }))).field).to.equal('cursor');
  });

  it('answers `around` with the page starting at the thread holding the comment, with a cursor back', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await store.post('a1', draft(`c${i}`))).id);
    const reply = await store.post('a1', draft('reply', { parentId: ids[10] }));
    const page = await store.list('a1', { sort: 'oldest', limit: 5, around: reply.id });
    expect(page.threads.map((t) => t.text)).to.deep.equal(['c10', 'c11', 'c12', 'c13', 'c14']);
    expect(page.threads[0]!.replies[0]!.id).to.equal(reply.id);
    expect(page.prevCursor).to.be.a('string');
    const before = await store.list('a1', { sort: 'oldest', limit: 5, cursor: page.prevCursor });
    expect(before.threads.map((t) => t.text)).to.deep.equal(['c5', 'c6', 'c7', 'c8', 'c9']);
    const next = await store.list('a1', { sort: 'oldest', limit: 5, cursor: before.nextCursor });
    expect(next.threads[0]!.text).to.equal('c10');
    expect((await rejection(store.list('a1', { sort: 'oldest', around: 'nope' }))).code).to.equal('comment_not_found');
  });

  it('carries the first replies of each thread, and pages through the rest each once, in order', async () => {
    const top = await store.post('a1', draft('top'));
    const other = await store.post('a1', draft('other'));
    for (let i = 1; i <= 45; i++) await store.post('a1', draft(`r${i}`, { parentId: top.id }));
    const page = await store.list('a1', { sort: 'oldest' });
    const [thread, lone] = page.threads;
    expect(thread!.replies.map((r) => r.text)).to.deep.equal(['r1', 'r2', 'r3'].slice(0, LIMITS.repliesShown));
    expect(thread).to.include({ replyCount: 45, repliesPrevCursor: null });
    expect(lone).to.include({ replyCount: 0, repliesNextCursor: null, repliesPrevCursor: null });
    expect(page.total).to.equal(47);

    const seen = thread!.replies.map((r) => r.text);
    let cursor = thread!.repliesNextCursor;
    while (cursor) {
      const more = await store.replies('a1', top.id, { cursor, limit: 10 });
      expect(more.replyCount).to.equal(45);
      seen.push(...more.replies.map((r) => r.text));
      cursor = more.nextCursor;
    }
    expect(seen).to.deep.equal(Array.from({ length: 45 }, (_, i) => `r${i + 1}`));
    const first = await store.replies('a1', top.id);
    expect(first.replies).to.have.length(LIMITS.pageSize);
    expect(first.prevCursor).to.equal(null);

    // A reply, another thread's cursor, or an unknown thread: refused with what is wrong.
    expect((await rejection(store.replies('a1', 'nope'))).code).to.equal('comment_not_found');
    expect((await rejection(store.replies('a1', first.replies[0]!.id))).code).to.equal('comment_not_found');
    expect(await rejection(store.replies('a1', other.id, { cursor: first.nextCursor }))).to.include({
      code: 'validation_failed',
      field: 'cursor',
    });
    expect(await rejection(store.replies('a1', top.id, { cursor: page.nextCursor ?? 'x' }))).to.include({
      field: 'cursor',
    });
  });

  it('opens a thread at a linked later reply, with cursors to the replies on either side', async () => {
    const top = await store.post('a1', draft('top'));
    const ids: string[] = [];
    for (let i = 1; i <= 30; i++) ids.push((await store.post('a1', draft(`r${i}`, { parentId: top.id }))).id);
    const page = await store.list('a1', { sort: 'newest', around: ids[19] });
    const thread = page.threads[0]!;
    expect(thread.replies.map((r) => r.text)).to.deep.equal(['r20', 'r21', 'r22'].slice(0, LIMITS.repliesShown));
    const before = await store.replies('a1', top.id, { cursor: thread.repliesPrevCursor, limit: 100 });
    expect(before.replies.map((r) => r.text)).to.deep.equal(Array.from({ length: 19 }, (_, i) => `r${i + 1}`));
    expect(before.prevCursor).to.equal(null);
    const after = await store.replies('a1', top.id, { cursor: thread.repliesNextCursor, limit: 100 });
    expect(after.replies[0]!.text).to.equal(`r${20 + LIMITS.repliesShown}`);
    expect(after.nextCursor).to.equal(null);
    // A reply among the first shown opens the thread as usual.
    const early = await store.list('a1', { sort: 'newest', around: ids[1] });
    expect(early.threads[0]!.replies[0]!.text).to.equal('r1');
    expect(early.threads[0]!.repliesPrevCursor).to.equal(null);
  });

  it('reads corrupt storage as empty, keeps valid comments out of a damaged list, and writes over it', async () => {
    storage.map.set('news-widget/comments/a1', '{not json');
    expect(await store.count('a1')).to.equal(0);
    await store.post('a1', draft('fresh'));
    expect(JSON.parse(storage.map.get('news-widget/comments/a1')!).comments).to.have.length(1);

    const good = { id: 'g', parentId: null, author: 'A', text: 'ok', createdAt: '2026-01-01T00:00:00Z', recommends: 0 };
    storage.map.set('news-widget/comments/a2', JSON.stringify({ comments: [good, { id: 5 }, null], keys: 'x' }));
    const page = await store.list('a2', { sort: 'newest' });
    expect(page.threads.map((t) => t.id)).to.deep.equal(['g']);
    storage.map.set('news-widget/comments/a3', 'null');
    expect(await store.count('a3')).to.equal(0);
  });

  it('keeps working in memory when storage is full, and says so', async () => {
    await store.post('a1', draft('kept'));
    storage.full = true;
    await withoutWarnings(() => store.post('a1', draft('memory')));
    expect(store.persistent).to.equal(false);
    expect((await store.list('a1', { sort: 'oldest' })).threads.map((t) => t.text)).to.deep.equal(['kept', 'memory']);
  });

  it('works with no storage at all', async () => {
    const memory = new LocalStore({ storage: null });
    expect(memory.persistent).to.equal(false);
    await memory.post('a1', draft('x'));
    expect(await memory.count('a1')).to.equal(1);
  });

  it('works with a storage whose every call throws, as in a sandboxed iframe', async () => {
    const hostile = new Proxy(new MapStorage(), {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const sandboxed = new LocalStore({ storage: hostile });
    await withoutWarnings(() => sandboxed.post('a1', draft('x')));
    expect(await sandboxed.count('a1')).to.equal(1);
    expect(sandboxed.persistent).to.equal(false);
  });

  it('seeds comments shipped with the article once', async () => {
    const shipped = [
      { id: 's1', parentId: null, author: 'Ed', text: 'first', createdAt: '2026-01-01T00:00:00Z', recommends: 2 },
    ];
    store.seed('a1', shipped);
    store.seed('a1', shipped);
    expect((await store.list('a1', { sort: 'newest' })).threads.map((t) => t.id)).to.deep.equal(['s1']);
  });

  it('orders seeded and stored comments by time whatever way their dates are written', async () => {
    const comment = (id: string, createdAt: string, parentId: string | null = null) => ({
      id,
      parentId,
      author: 'Ed',
      text: id,
      createdAt,
      recommends: 0,
    });
    store.seed('a1', [
      comment('one', '2026-01-01T10:00:00+09:00'), // 01:00 UTC
      comment('two', '2026-01-01T02:00:00Z'),
      comment('half-past-midnight', 'Thu, 01 Jan 2026 00:30:00 GMT'),
      comment('reply-late', '2026-01-01T03:00:00.000Z', 'two'),
      comment('reply-early', '2026-01-01T04:00:00+02:00', 'two'), // 02:00 UTC
    ]);
    const page = await store.list('a1', { sort: 'newest' });
    expect(page.threads.map((t) => t.id)).to.deep.equal(['two', 'one', 'half-past-midnight']);
    expect(page.threads[0]!.replies.map((r) => r.id)).to.deep.equal(['reply-early', 'reply-late']);
    expect(page.threads.map((t) => t.createdAt)).to.deep.equal([
      '2026-01-01T02:00:00.000Z',
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T00:30:00.000Z',
    ]);

    // Comments some other code wrote into storage are read the same way.
    storage.map.set(
      'news-widget/comments/a2',
      JSON.stringify({ comments: [comment('x', '2026-01-01T09:00:00+09:00'), comment('y', '2026-01-01T01:00:00Z')] }),
    );
    expect((await store.list('a2', { sort: 'oldest' })).threads.map((t) => t.id)).to.deep.equal(['x', 'y']);
  });

  it('breaks ties of time by id, as the server does', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const made = (id: string, parentId: string | null = null, recommends = 0) => ({
      id,
      parentId,
      author: 'Ed',
      text: id,
      createdAt: at,
      recommends,
    });
    store.seed('a1', [made('b'), made('a'), made('c'), made('r2', 'a'), made('r1', 'a'), made('r3', 'a')]);
    const order = async (sort: 'newest' | 'oldest' | 'recommended') =>
      (await store.list('a1', { sort })).threads.map((t) => t.id);
    expect(await order('newest')).to.deep.equal(['c', 'b', 'a']);
    expect(await order('oldest')).to.deep.equal(['a', 'b', 'c']);
    expect(await order('recommended')).to.deep.equal(['c', 'b', 'a']);
    expect((await store.replies('a1', 'a')).replies.map((r) => r.id)).to.deep.equal(['r1', 'r2', 'r3']);
  });

  it('sees comments another tab wrote', async () => {
    const other = new LocalStore({ storage });
    expect(await store.count('a1')).to.equal(0);
    await other.post('a1', draft('from the other tab'));
    expect(await store.count('a1')).to.equal(1);
  });

  it('rejects at once when the caller has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let failed = false;
    await store.list('a1', { sort: 'newest', signal: controller.signal }).catch(() => (failed = true));
    expect(failed).to.equal(true);
  });
});
