import { expect } from '@open-wc/testing';
import { HttpStore } from './http-store.js';
import { CommentStoreError } from './store.js';

/** The HTTP store against the reference server the test harness runs, on a fresh article. */
describe('HttpStore against the reference server', () => {
  let store: HttpStore;
  let articleId: string;
  before(async () => {
    const { url } = await (await fetch('/__comments-server')).json();
    store = new HttpStore(url, { retries: 0 });
  });
  beforeEach(async () => {
    ({ articleId } = await (await fetch('/__comments-server/article', { method: 'POST' })).json());
  });

  it('posts once per idempotency key, threads replies, counts, pages and recommends', async () => {
    const draft = { author: 'Ana', text: 'First', idempotencyKey: `k-${Math.random()}` };
    const first = await store.post(articleId, draft);
    expect((await store.post(articleId, draft)).id).to.equal(first.id);
    const reply = await store.post(articleId, {
      author: 'Bo',
      text: 'Reply',
      parentId: first.id,
      idempotencyKey: `k-${Math.random()}`,
    });
    expect(reply.parentId).to.equal(first.id);
    expect(await store.count(articleId)).to.equal(2);
    const page = await store.list(articleId, { sort: 'newest', limit: 1 });
    expect(page.threads.map((t) => t.id)).to.deep.equal([first.id]);
    expect(page.threads[0]!.replies.map((r) => r.id)).to.deep.equal([reply.id]);
    expect(page.total).to.equal(2);
    expect((await store.list(articleId, { sort: 'oldest', around: reply.id })).threads[0]!.id).to.equal(first.id);
    expect(await store.recommend(articleId, first.id, 'reader-1')).to.deep.equal({ recommends: 1 });
    expect(await store.recommend(articleId, first.id, 'reader-1')).to.deep.equal({ recommends: 1 });
    await store.flag(articleId, first.id, 'reader-1');
  });

  it('reads a live first page with the eventId its events stream resumes after', async () => {
    const first = await store.post(articleId, { author: 'Ana', text: 'Before', idempotencyKey: `k-${Math.random()}` });
    const page = await store.list(articleId, { sort: 'newest', live: true });
    expect(page.threads.map((t) => t.id)).to.deep.equal([first.id]);
    const later = await store.post(articleId, { author: 'Bo', text: 'After', idempotencyKey: `k-${Math.random()}` });
    const source = new EventSource(await store.eventsUrl(articleId, page.eventId));
    try {
      const event = await new Promise<MessageEvent<string>>((resolve, reject) => {
        source.addEventListener('comment', resolve as EventListener, { once: true });
        source.onerror = () => reject(new Error('the events stream failed'));
      });
      expect(JSON.parse(event.data).id).to.equal(later.id);
    } finally {
      source.close();
    }
  });

  it("maps the server's validation error to its field, without retrying", async () => {
    let error: unknown;
    try {
      await store.post(articleId, { author: ' ', text: 'x', idempotencyKey: 'k' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(CommentStoreError);
    expect(error).to.include({ code: 'validation_failed', field: 'author', status: 422, retryable: false });
  });
});
