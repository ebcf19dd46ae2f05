/** `<news-comments>` with long threads: replies shown a few at a time, more on demand, and links to any of them. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { LIMITS, type ReplyPage } from '../model/comments/contract.js';
import { HttpStore } from '../stores/http-store.js';
import type { CommentStore } from '../stores/store.js';
import { expectNothingUncaught } from '../../test/resilience/support.js';
import { $, $$, announcements, FakeStore, failures, loaded, seed, texts, type } from './test-helpers.js';

const mount = async (store: CommentStore) =>
  loaded(await fixture<NewsComments>(html`<news-comments article-id="a1" .store=${store}></news-comments>`));

const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const moreReplies = (el: Element, direction: 'next' | 'prev') => $<HTMLButtonElement>(el, `.more-replies.${direction}`);
const replyTexts = (el: Element) => texts(el, '.replies .text');

/** A thread by Ana with `count` replies, "Reply 1" … oldest first; returns the reply ids. */
async function longThread(store: FakeStore, count: number): Promise<{ threadId: string; replyIds: string[] }> {
  const thread = await seed(store, 'A comment with a long thread', { author: 'Ana' });
  const replyIds: string[] = [];
  for (let i = 1; i <= count; i++) replyIds.push((await seed(store, `Reply ${i}`, { parentId: thread.id })).id);
  return { threadId: thread.id, replyIds };
}

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Reply ${from + i}`);

afterEach(() => {
  localStorage.clear();
  history.replaceState(null, '', location.pathname + location.search);
});

describe('<news-comments> long threads', () => {
  it('shows the first replies, then the rest a page at a time, each once and in order', async () => {
    const store = new FakeStore();
    await longThread(store, 30);
    const el = await mount(store);
    expect($(el, 'h2')!.textContent).to.equal('31 comments');
    expect(replyTexts(el)).to.deep.equal(numbered(1, LIMITS.repliesShown));
    const button = moreReplies(el, 'next')!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `Show ${30 - LIMITS.repliesShown} more replies to Ana`,
    );
    expect(moreReplies(el, 'prev')).to.equal(null);
    await expect(el).to.be.accessible();

    button.click();
    const firstPage = LIMITS.repliesShown + LIMITS.pageSize;
    await waitUntil(() => replyTexts(el).length === firstPage, 'the next replies did not show');
    expect(replyTexts(el)).to.deep.equal(numbered(1, firstPage));
    await waitUntil(
      () => active(el)?.textContent?.includes(`Reply ${LIMITS.repliesShown + 1}`),
      'focus did not go to the first new reply',
    );
    expect($(el, '[role="status"]')!.textContent).to.equal(`${LIMITS.pageSize} more replies loaded.`);
    expect(moreReplies(el, 'next')!.textContent).to.contain(`Show ${30 - firstPage} more replies`);

    moreReplies(el, 'next')!.click();
    await waitUntil(() => replyTexts(el).length === 30, 'the last replies did not show');
    expect(replyTexts(el)).to.deep.equal(numbered(1, 30));
    expect(moreReplies(el, 'next'), 'no button once every reply shows').to.equal(null);
  });

  it('announces each page of replies, also when it says the same as the last one', async () => {
    const store = new FakeStore();
    await longThread(store, LIMITS.repliesShown + 2 * LIMITS.pageSize + 1);
    const el = await mount(store);
    const said = announcements(el);
    let shown = LIMITS.repliesShown;
    for (const size of [LIMITS.pageSize, LIMITS.pageSize, 1]) {
      shown += size;
      moreReplies(el, 'next')!.click();
      await waitUntil(() => replyTexts(el).length === shown, `replies up to ${shown} did not load`);
      await el.updateComplete;
    }
    const page = `${LIMITS.pageSize} more replies loaded.`;
    expect(said).to.deep.equal([page, page, '1 more reply loaded.']);
  });

  it('opens a link to a late reply at that reply, and fills in the replies on either side', async () => {
    const store = new FakeStore();
    const { replyIds } = await longThread(store, 30);
    location.hash = `#comment-${replyIds[24]}`; // "Reply 25"
    const el = await mount(store);
    await waitUntil(() => active(el)?.id === `comment-${replyIds[24]}`, 'the linked reply was not focused');
    expect(active(el)!.hasAttribute('data-highlight')).to.equal(true);
    expect(replyTexts(el)).to.deep.equal(numbered(25, 24 + LIMITS.repliesShown));
    expect(moreReplies(el, 'prev')!.textContent).to.contain('Show earlier replies');
    expect(moreReplies(el, 'next')!.textContent).to.contain('Show later replies');
    await expect(el).to.be.accessible();

    moreReplies(el, 'prev')!.click();
    await waitUntil(() => replyTexts(el)[0] === 'Reply 5', 'the earlier replies did not show');
    moreReplies(el, 'prev')!.click();
    await waitUntil(() => replyTexts(el)[0] === 'Reply 1', 'the first replies did not show');
    expect(moreReplies(el, 'prev')).to.equal(null);
    moreReplies(el, 'next')!.click();
    await waitUntil(() => moreReplies(el, 'next') === null, 'the later replies did not all show');
    expect(replyTexts(el)).to.deep.equal(numbered(1, 30));
  });

  it('says why more replies could not load, keeps those shown, and loads them on retry', async () => {
    const store = new FakeStore();
    await longThread(store, 10);
    const el = await mount(store);
    store.replyFailures.push(failures.network());
    moreReplies(el, 'next')!.click();
    await waitUntil(() => $(el, '.thread [role="alert"]'), 'no error was shown');
    expect($(el, '.thread [role="alert"]')!.textContent).to.equal(
      'Replies could not be loaded. Could not reach the comments server.',
    );
    expect(replyTexts(el)).to.deep.equal(numbered(1, LIMITS.repliesShown));
    const retry = moreReplies(el, 'next')!;
    expect(retry.disabled).to.equal(false);
    expect(retry.textContent).to.contain('Retry: show 7 more replies');
    await expect(el).to.be.accessible();

    retry.click();
    await waitUntil(() => replyTexts(el).length === 10, 'the retry did not load the replies');
    expect($(el, '.thread [role="alert"]')).to.equal(null);
  });

  it('adds only the sound replies of this thread a store sends, each once, and throws nothing', async () => {
    await expectNothingUncaught(async () => {
      const store = new FakeStore();
      const other = await seed(store, 'Another thread');
      const stray = await seed(store, 'A reply in another thread', { parentId: other.id });
      await longThread(store, 10);
      const answer = store.replies.bind(store);
      // A page given by a store of the page, which may answer anything: the same replies twice, and junk.
      store.replies = async (...args) => {
        const page = await answer(...args);
        const junk = [null, 'Reply 0', { id: 'no-text' }, stray];
        return {
          ...page,
          replies: [...junk, ...page.replies, ...page.replies],
          replyCount: 'many',
          nextCursor: 42,
        } as unknown as ReplyPage;
      };
      const el = await mount(store);
      const firstThread = () =>
        [...$$(el, '.thread')[0]!.querySelectorAll('.replies .text')].map((node) => node.textContent);
      moreReplies(el, 'next')!.click();
      await waitUntil(
        () => firstThread().length > LIMITS.repliesShown || $(el, '[role="alert"]'),
        'the replies did not load',
      );
      expect(firstThread()).to.deep.equal(numbered(1, 10));
      expect($(el, '[role="alert"]')).to.equal(null);
      expect(moreReplies(el, 'next'), 'a cursor that is not one').to.equal(null);
      await expect(el).to.be.accessible();
      el.remove();
    });
  });

  it('offers "Show more replies" when a server counts fewer replies than it sent', async () => {
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    const reply = (i: number) => ({
      id: `r${i}`,
      parentId: 'c1',
      author: 'Bea',
      text: `Reply ${i}`,
      createdAt: at(i),
      recommends: 0,
    });
    const replies = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => reply(from + i));
    // The replies page counts 4, as a server caching its counts might: fewer than the 23 it has sent by then.
    const thread = {
      ...reply(0),
      id: 'c1',
      parentId: null,
      author: 'Ana',
      replies: replies(1, 3),
      replyCount: 4,
      repliesNextCursor: 'n1',
      repliesPrevCursor: null,
    };
    const fetch = (async (url: URL) =>
      Response.json(
        url.pathname.endsWith('/replies')
          ? { replies: replies(4, 23), nextCursor: 'n2', prevCursor: 'p1', replyCount: 4 }
          : { threads: [thread], nextCursor: null, prevCursor: null, total: 5 },
      )) as unknown as typeof globalThis.fetch;
    const el = await mount(new HttpStore('https://api.example/', { fetch, retries: 0 }));
    moreReplies(el, 'next')!.click();
    await waitUntil(() => replyTexts(el).length === 23, 'the replies did not load');
    expect(moreReplies(el, 'next')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Show more replies to Ana');
  });

  it('keeps focus in the thread when the replies it offered are gone by the time they load', async () => {
    const store = new FakeStore();
    const { replyIds } = await longThread(store, LIMITS.repliesShown + 1);
    const el = await mount(store);
    // Moderation hides the one reply not shown yet: the page that was to bring it comes back empty.
    for (const reader of ['r1', 'r2', 'r3']) await store.inner.flag('a1', replyIds.at(-1)!, reader);
    const button = moreReplies(el, 'next')!;
    button.focus();
    button.click();
    await waitUntil(() => moreReplies(el, 'next') === null, 'the button stayed');
    await el.updateComplete;
    expect(active(el)?.id, 'focus was lost to the page').to.equal(`comment-${replyIds[LIMITS.repliesShown - 1]}`);
  });

  it('counts in the heading the replies others posted since the list was read', async () => {
    const store = new FakeStore();
    const { threadId } = await longThread(store, 5);
    const el = await mount(store);
    expect($(el, 'h2')!.textContent).to.equal('6 comments');
    await seed(store, 'Reply 6', { parentId: threadId });
    await seed(store, 'Reply 7', { parentId: threadId });
    moreReplies(el, 'next')!.click();
    await waitUntil(() => replyTexts(el).length === 7, 'the replies did not load');
    expect($(el, 'h2')!.textContent).to.equal('8 comments');
  });

  it('counts a reply once in the heading when it shows up in a page of replies before its post answers', async () => {
    const store = new FakeStore();
    await longThread(store, 5);
    const el = await mount(store);
    // The server stores the reply at once, but its answer is slow to arrive.
    const post = store.post.bind(store);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    store.post = async (...args) => {
      const comment = await post(...args);
      await slow;
      return comment;
    };
    $$(el, '.comment .reply')[0]!.click();
    await el.updateComplete;
    await type(el, 'author', 'Ben');
    await type(el, 'text', 'My reply');
    $(el, '.submit')!.click();
    await waitUntil(() => store.posts.length === 1, 'the reply was not sent');
    moreReplies(el, 'next')!.click();
    await waitUntil(() => !moreReplies(el, 'next'), 'the other replies did not load');
    release();
    await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the post did not finish');
    expect(replyTexts(el)).to.deep.equal([...numbered(1, 5), 'My reply']);
    expect($(el, 'h2')!.textContent).to.equal('7 comments');
  });

  it('keeps replies in time order when a server writes its times with more or fewer digits', async () => {
    // ISO 8601 in UTC, as a server may well write it: without zero fractions, or with "+00:00".
    const times = [
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.5Z',
      '2026-01-01T00:00:01Z',
      '2026-01-01T00:00:01.250+00:00',
      '2026-01-01T00:00:02Z',
    ];
    const reply = (i: number) => ({
      id: `r${i}`,
      parentId: 'c1',
      author: 'Bea',
      text: `Reply ${i}`,
      createdAt: times[i - 1],
      recommends: 0,
    });
    const thread = {
      ...reply(1),
      id: 'c1',
      parentId: null,
      author: 'Ana',
      replies: [reply(1), reply(2), reply(3)],
      replyCount: 5,
      repliesNextCursor: 'n1',
      repliesPrevCursor: null,
    };
    const fetch = (async (url: URL) =>
      Response.json(
        url.pathname.endsWith('/replies')
          ? { replies: [reply(4), reply(5)], nextCursor: null, prevCursor: 'p1', replyCount: 5 }
          : { threads: [thread], nextCursor: null, prevCursor: null, total: 6 },
      )) as unknown as typeof globalThis.fetch;
    const el = await mount(new HttpStore('https://api.example/', { fetch, retries: 0 }));
    expect(replyTexts(el)).to.deep.equal(numbered(1, 3));
    moreReplies(el, 'next')!.click();
    await waitUntil(() => replyTexts(el).length === 5, 'the replies did not load');
    expect(replyTexts(el)).to.deep.equal(numbered(1, 5));
  });

  it('leaves no thread stuck on "Loading…" when the list is read again mid-load', async () => {
    const store = new FakeStore();
    await longThread(store, 10);
    const el = await mount(store);
    const answer = store.replies.bind(store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    store.replies = async (...args) => {
      await held;
      return answer(...args);
    };
    moreReplies(el, 'next')!.click();
    await el.updateComplete;
    expect(moreReplies(el, 'next')!.disabled).to.equal(true);
    // Its name while it loads, as a screen reader reads it.
    expect(moreReplies(el, 'next')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Loading replies to Ana…');
    const sort = $<HTMLSelectElement>(el, '#sort')!;
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change'));
    await waitUntil(
      () => !moreReplies(el, 'next')?.disabled,
      'the button stayed disabled after the list was read again',
    );
    release();
    store.replies = answer;
    moreReplies(el, 'next')!.click();
    await waitUntil(() => replyTexts(el).length === 10, 'the replies did not load after the new list');
    expect(replyTexts(el)).to.deep.equal(numbered(1, 10));
  });

  it('keeps a reply the reader posts in its place when the replies before it load', async () => {
    const store = new FakeStore();
    await longThread(store, 8);
    const el = await mount(store);
    $$(el, '.comment .reply')[0]!.click();
    await el.updateComplete;
    await type(el, 'author', 'Ben');
    await type(el, 'text', 'My late reply');
    $(el, '.submit')!.click();
    await waitUntil(
      () => replyTexts(el).includes('My late reply') && !$(el, '[aria-busy="true"]'),
      'the reply was not posted',
    );
    expect(moreReplies(el, 'next')!.textContent).to.contain('Show 5 more replies');

    moreReplies(el, 'next')!.click();
    await waitUntil(() => moreReplies(el, 'next') === null, 'the other replies did not load');
    expect(replyTexts(el)).to.deep.equal([...numbered(1, 8), 'My late reply']);
    expect($(el, 'h2')!.textContent).to.equal('10 comments');
  });
});
