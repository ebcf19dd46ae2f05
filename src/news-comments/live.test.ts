/**
 * `<news-comments live>` against the reference server on a real SQLite
 * file: comments posted by others arrive over its events stream while the
 * element shows the article.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Comment, CommentPage, CommentThread, PostedComment } from '../model/comments/contract.js';
import type { CommentStore } from '../stores/store.js';
import { HttpStore } from '../stores/http-store.js';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { $, $$, announcements, loaded, texts, type } from './test-helpers.js';

interface Server {
  readonly url: string;
  readonly articleId: string;
  readonly instance: string;
}

/** A fresh article on a server instance (`main` unless a test restarts its own). */
async function article(instance = 'main'): Promise<Server> {
  const { url } = await (await fetch(`/__comments-server?instance=${instance}`)).json();
  const { articleId } = await (
    await fetch(`/__comments-server/article?instance=${instance}`, { method: 'POST' })
  ).json();
  return { url, articleId, instance };
}

async function seed({ articleId, instance }: Server, count: number, replies = 0, threadReplies = 0) {
  const response = await fetch(`/__comments-server/seed?instance=${instance}`, {
    method: 'POST',
    body: JSON.stringify({ articleId, count, replies, threadReplies }),
  });
  return (await response.json()) as { ids: string[]; replyIds: string[]; threadReplyIds: string[] };
}

let keys = 0;
/** Posts as another reader would, from elsewhere; resolves once the server answered 201. */
async function postElsewhere({ url, articleId }: Server, text: string, parentId?: string): Promise<Comment> {
  const response = await fetch(`${url}/articles/${encodeURIComponent(articleId)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: 'Bea', text, parentId, idempotencyKey: `live-${Date.now()}-${++keys}` }),
  });
  expect(response.status).to.equal(201);
  return response.json();
}

const mount = async ({ url, articleId }: Server, live = true) =>
  loaded(
    await fixture<NewsComments>(
      html`<news-comments endpoint=${url} article-id=${articleId} ?live=${live}></news-comments>`,
    ),
  );

/** Every EventSource the page opened since the last `opened.length = 0`, real ones, recorded as they are made. */
const opened: EventSource[] = [];
const RealEventSource = window.EventSource;
before(() => {
  window.EventSource = class extends RealEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      opened.push(this);
    }
  };
});
after(() => {
  window.EventSource = RealEventSource;
});
beforeEach(() => {
  opened.length = 0;
  localStorage.clear();
});

const open = () => opened.filter((source) => source.readyState !== EventSource.CLOSED);
const heading = (el: Element) => $(el, '[part="heading"]')!.textContent!.trim();
const button = (el: Element) => $<HTMLButtonElement>(el, '.new-comments');
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const until = (check: () => unknown, message: string) => waitUntil(check, message, { timeout: 5000 });

/** Sets what `document.visibilityState` says and tells the page, as switching tabs does. */
function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}
afterEach(() => {
  // Back to the document's own getter.
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('<news-comments live>', () => {
  // First, while nothing in this page has loaded the live code yet.
  it('loads no live code and opens no stream without `live`', async () => {
    const server = await article();
    await seed(server, 2);
    performance.clearResourceTimings();
    const el = await mount(server, false);
    await postElsewhere(server, 'Nobody listens');
    await aTimeout(300);
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.some((name) => name.includes('live-controller'))).to.equal(false, fetched.join('\n'));
    expect(fetched.some((name) => name.includes('/events'))).to.equal(false);
    expect(
      fetched.some((name) => name.includes('live=1')),
      'the page is not asked where events start',
    ).to.equal(false);
    expect(opened).to.deep.equal([]);
    expect(button(el)).to.equal(null);
    // With `live` set, the code comes, in a module of its own.
    el.live = true;
    await until(() => open().length === 1, 'no stream opened once live was set');
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('live-controller'))).to.equal(
      true,
    );
  });

  it('keeps new comments behind a button that counts them, announced; Show puts them on top and focuses the first', async () => {
    const server = await article();
    await seed(server, 2);
    const el = await mount(server);
    const heard = announcements(el);
    expect(heading(el)).to.equal('2 comments');
    // Posted before the stream opened, after the page was read: the page's eventId still brings it.
    await postElsewhere(server, 'First news');
    await until(() => button(el), 'no button for the new comment');
    expect(button(el)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('1 new comment · Show');
    expect(texts(el)).to.deep.equal(['Comment number 2', 'Comment number 1'], 'the list did not move');
    expect(heading(el)).to.equal('3 comments');
    await postElsewhere(server, 'Second news');
    await until(() => button(el)!.textContent!.includes('2 new comments'), 'the button did not count the second');
    expect(heading(el)).to.equal('4 comments');
    expect(heard).to.include('1 new comment');
    expect(heard.at(-1)).to.equal('2 new comments');
    await expect(el).to.be.accessible();

    button(el)!.click();
    await el.updateComplete;
    await until(() => active(el)?.classList.contains('comment'), 'focus did not move to the new comments');
    expect(texts(el)).to.deep.equal(['Second news', 'First news', 'Comment number 2', 'Comment number 1']);
    expect(active(el)!.querySelector('.text')!.textContent).to.equal('Second news');
    expect(button(el)).to.equal(null);
    expect(heading(el)).to.equal('4 comments');
  });

  it('is accessible with the button shown in dark mode', async () => {
    const server = await article();
    await seed(server, 1);
    const el = await mount(server);
    el.theme = 'dark';
    await postElsewhere(server, 'Shown in the dark');
    await until(() => button(el), 'no button for the new comment');
    await expect(el).to.be.accessible();
  });

  it('puts a reply at the end of a thread shown whole, and counts one in a thread shown in part', async () => {
    const server = await article();
    // Two threads: the oldest has 1 + 5 replies (3 shown), the other 1 (all shown).
    const { ids } = await seed(server, 2, 2, 5);
    const el = await mount(server);
    const [older, newer] = ids as [string, string];
    const more = () => $(el, '.more-replies.next')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(more()).to.contain('Show 3 more replies');
    await postElsewhere(server, 'Live reply to the short thread', newer);
    await until(() => texts(el).includes('Live reply to the short thread'), 'the reply did not show');
    const shortThread = $$(el, '.thread')[0]!;
    expect([...shortThread.querySelectorAll('.replies .text')].map((node) => node.textContent)).to.deep.equal([
      'Reply to Reader 2',
      'Live reply to the short thread',
    ]);
    expect(heading(el)).to.equal('10 comments');
    await postElsewhere(server, 'Live reply to the long thread', older);
    await until(() => more().includes('Show 4 more replies'), 'the long thread did not count its reply');
    expect(texts(el)).to.not.include('Live reply to the long thread');
    expect(heading(el)).to.equal('11 comments');
    expect(button(el), 'replies never wait behind the button').to.equal(null);
  });

  it('applies another reader editing and deleting their comments in place', async () => {
    const server = await article();
    const thread = (await postElsewhere(server, 'A thread to answer')) as PostedComment;
    const answer = (await postElsewhere(server, 'Teh answer', thread.id)) as PostedComment;
    const lone = (await postElsewhere(server, 'A lone remark')) as PostedComment;
    await postElsewhere(server, 'Another remark');
    const el = await mount(server);
    const change = (comment: PostedComment, method: 'PATCH' | 'DELETE', text?: string) =>
      fetch(`${server.url}/articles/${encodeURIComponent(server.articleId)}/comments/${comment.id}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Edit-Key': comment.editKey! },
        ...(text !== undefined && { body: JSON.stringify({ text }) }),
      });
    expect((await change(answer, 'PATCH', 'The answer')).status).to.equal(200);
    await until(() => texts(el).includes('The answer'), 'the edit did not show');
    const edited = $$(el, '.replies .comment').find((node) => node.textContent!.includes('The answer'))!;
    expect(edited.querySelector('[part="edited"]'), 'marked edited').to.not.equal(null);
    expect((await change(thread, 'DELETE')).status).to.equal(200);
    await until(() => !texts(el).includes('A thread to answer'), 'the deletion did not show');
    expect(el.shadowRoot!.textContent).to.contain('This comment was deleted');
    expect(texts(el), 'its reply keeps its place').to.include('The answer');
    expect((await change(lone, 'DELETE')).status).to.equal(200);
    await until(() => !texts(el).includes('A lone remark'), 'the lone comment did not go');
    expect(heading(el), 'a deleted mark is no comment').to.equal('2 comments');
  });

  it("shows the reader's own post once, not again when its event arrives", async () => {
    const server = await article();
    await seed(server, 1);
    const el = await mount(server);
    const posted = new Promise((resolve) => el.addEventListener('news-comment-posted', resolve, { once: true }));
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'My own words');
    $(el, '.submit')!.click();
    await posted;
    // Events come in order: once another reader's is here, the reader's own came before it.
    await postElsewhere(server, 'Someone else');
    await until(() => button(el), 'no button for the other comment');
    expect(button(el)!.textContent).to.contain('1 new comment');
    expect(texts(el).filter((text) => text === 'My own words')).to.have.length(1);
    expect(heading(el)).to.equal('3 comments');
    button(el)!.click();
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Someone else', 'My own words', 'Comment number 1']);
  });

  it("holds the reader's own post when its event comes before the post's answer: no news, no flash", async () => {
    const server = await article();
    await seed(server, 1);
    // The real server, with the post's answer held back until its event has surely come.
    const slowAnswers: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') await aTimeout(400);
      return response;
    };
    const store = new HttpStore(server.url, { fetch: slowAnswers });
    const el = await loaded(
      await fixture<NewsComments>(
        html`<news-comments live article-id=${server.articleId} .store=${store}></news-comments>`,
      ),
    );
    await until(() => open().length === 1, 'no stream');
    const heard = announcements(el);
    let flashed = false;
    new MutationObserver(() => (flashed ||= button(el) !== null)).observe(el.shadowRoot!, {
      childList: true,
      subtree: true,
    });
    const posted = new Promise((resolve) => el.addEventListener('news-comment-posted', resolve, { once: true }));
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Quicker by the stream');
    $(el, '.submit')!.click();
    await posted;
    await el.updateComplete;
    expect(flashed, "the Show button came up for the reader's own comment").to.equal(false);
    expect(heard.filter((text) => text.includes('new comment'))).to.deep.equal([]);
    expect(texts(el).filter((text) => text === 'Quicker by the stream')).to.have.length(1);
    expect(heading(el)).to.equal('2 comments');
  });

  it('closes the stream while the page is hidden, and catches up from the last event when it shows', async () => {
    const server = await article();
    await seed(server, 1);
    const el = await mount(server);
    await postElsewhere(server, 'Seen live');
    await until(() => button(el), 'no button for the first comment');
    setVisibility('hidden');
    expect(open()).to.deep.equal([]);
    await postElsewhere(server, 'Posted while away');
    await aTimeout(300);
    expect(button(el)!.textContent).to.contain('1 new comment');
    setVisibility('visible');
    await until(() => button(el)!.textContent!.includes('2 new comments'), 'did not catch up');
    expect(open()).to.have.length(1);
    // From the last event heard: the first comment is not counted twice.
    expect(new URL(opened.at(-1)!.url).searchParams.get('after')).to.not.equal(null);
    button(el)!.click();
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Posted while away', 'Seen live', 'Comment number 1']);
  });

  it('catches up past the replay limit of one connection, reconnecting at once', async () => {
    const server = await article();
    const el = await mount(server);
    await until(() => open().length === 1, 'no stream');
    setVisibility('hidden');
    // More than one connection replays (100): the first ends, and the next brings the rest.
    for (let i = 0; i < 105; i++) await postElsewhere(server, `Posted while away ${i}`);
    setVisibility('visible');
    // Sooner than any backoff (2.5 s at the least).
    await waitUntil(() => button(el)?.textContent!.includes('105 new comments'), 'did not catch up at once', {
      timeout: 2000,
    });
    expect(opened.length).to.equal(3, 'the first stream, the one after the page showed, and one after its end');
  });

  it('reconnects after the server goes away, and brings what was posted meanwhile', async function () {
    this.timeout(30_000);
    const server = await article('live-restart');
    await seed(server, 1);
    const el = await mount(server);
    await until(() => open().length === 1, 'no stream');
    await postElsewhere(server, 'Before the restart');
    await until(() => button(el), 'no button before the restart');
    // Down long enough for the try at once to fail: the next comes after a backoff.
    await fetch(`/__comments-server/stop?instance=${server.instance}`, { method: 'POST' });
    await aTimeout(500);
    expect(open()).to.deep.equal([]);
    await fetch(`/__comments-server?instance=${server.instance}`);
    await postElsewhere(server, 'After the restart');
    await waitUntil(() => button(el)!.textContent!.includes('2 new comments'), 'did not reconnect', {
      timeout: 20_000,
    });
    expect(open()).to.have.length(1);
  });

  it('stops when `live` is removed and when the element leaves the page', async () => {
    const server = await article();
    const el = await mount(server);
    await until(() => open().length === 1, 'no stream');
    el.live = false;
    await el.updateComplete;
    expect(open()).to.deep.equal([]);
    await postElsewhere(server, 'Not followed');
    await aTimeout(300);
    expect(button(el)).to.equal(null);
    el.live = true;
    await until(() => open().length === 1, 'no stream once live again');
    el.remove();
    expect(open()).to.deep.equal([]);
  });

  it('does nothing, and says nothing, with the browser store', async () => {
    const el = await loaded(await fixture<NewsComments>(html`<news-comments article-id="a1" live></news-comments>`));
    await aTimeout(300);
    expect(opened).to.deep.equal([]);
    expect(button(el)).to.equal(null);
    expect($(el, '[role="status"]')!.textContent).to.equal('');
  });
});

describe('edited and deleted comments', () => {
  const comment = (id: string, extra: Partial<Comment> = {}): Comment => ({
    id,
    parentId: null,
    author: `Author ${id}`,
    text: `Words of ${id}`,
    createdAt: '2026-03-01T10:00:00Z',
    recommends: 0,
    ...extra,
  });
  const thread = (value: Comment, replies: Comment[] = []): CommentThread => ({
    ...value,
    replies,
    replyCount: replies.length,
    repliesNextCursor: null,
    repliesPrevCursor: null,
  });
  const page: CommentPage = {
    threads: [
      thread(comment('c1', { text: 'Changed words', edited: true })),
      thread(comment('c2', { author: '', text: '', deleted: true }), [comment('r1', { parentId: 'c2' })]),
    ],
    nextCursor: null,
    prevCursor: null,
    total: 2,
  };
  // A store given by the page, answering one fixed page: a page can hold these marks, not only events.
  const store = { kind: 'remote', list: async () => page, count: async () => 2 } as unknown as CommentStore;

  it('marks an edited comment, and shows a deleted one kept for its replies with no author, text or actions', async () => {
    const el = await loaded(
      await fixture<NewsComments>(html`<news-comments article-id="a1" .store=${store}></news-comments>`),
    );
    const [edited, deleted, reply] = $$(el, '.comment') as [HTMLElement, HTMLElement, HTMLElement];
    expect(edited.querySelector('.edited')!.textContent).to.equal('edited');
    expect(edited.querySelector('.text')!.textContent).to.equal('Changed words');
    expect(deleted.textContent!.trim()).to.equal('This comment was deleted');
    expect(deleted.querySelector('.author, .actions, .edited')).to.equal(null);
    expect(deleted.id).to.equal('comment-c2', 'its link still leads to its place');
    expect(reply.querySelector('.actions')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
