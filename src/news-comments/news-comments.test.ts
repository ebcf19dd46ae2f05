import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ContextProvider } from '@lit/context';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { articleContext } from '../shared/context.js';
import type { Article } from '../model/article/article.js';
import { LocalStore } from '../stores/local-store.js';
import { HttpStore } from '../stores/http-store.js';
import { CommentStoreError, type CommentStore } from '../stores/store.js';
import { $, $$, announcements, FakeStore, failures, loaded, seed, texts, type } from './test-helpers.js';

const mount = async (store: unknown, extra = '') => {
  const el = await fixture<NewsComments>(
    html`<news-comments article-id="a1" .store=${store as CommentStore}></news-comments>`,
  );
  if (extra) el.setAttribute('heading-level', extra);
  return loaded(el);
};

const draftKey = 'news-widget/draft/a1';
const storedDraft = () => JSON.parse(localStorage.getItem(draftKey) ?? 'null');
const alert = (el: Element) => $(el, '[role="alert"]');
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const click = async (el: NewsComments, selector: string) => {
  $(el, selector)!.click();
  await el.updateComplete;
};

/** Writes a comment and presses Post, as a reader does. */
async function write(el: NewsComments, text: string, author = 'Ana') {
  await type(el, 'author', author);
  await type(el, 'text', text);
  await click(el, '.submit');
}

beforeEach(() => localStorage.clear());

describe('<news-comments>', () => {
  describe('states', () => {
    it('invites the first comment when there is none, says comments stay in this browser, and is accessible', async () => {
      const el = await mount(new LocalStore({ storage: null }));
      expect($(el, 'h2')!.textContent).to.equal('Comments');
      expect($(el, '.empty')!.textContent).to.contain('Be the first');
      expect($(el, '.note')!.textContent).to.contain('only on this page'); // no storage: it says so
      await expect(el).to.be.accessible();
    });

    it('says "stored only in this browser" for a local store that persists, and nothing for a remote one', async () => {
      const local = await mount(new LocalStore());
      expect($(local, '.note')!.textContent!.trim()).to.equal('Comments are stored only in this browser.');
      const remote = await mount(new FakeStore());
      expect($(remote, '.note')).to.equal(null);
    });

    it('counts in the heading: "1 comment", "12 comments", at the level asked for', async () => {
      const store = new FakeStore();
      const first = await seed(store, 'one');
      let el = await mount(store);
      expect($(el, 'h2')!.textContent).to.equal('1 comment');
      for (let i = 0; i < 10; i++) await seed(store, `c${i}`);
      await seed(store, 'reply', { parentId: first.id }); // replies count too
      el = await mount(store, '3');
      await el.updateComplete;
      expect($(el, 'h2')).to.equal(null);
      expect($(el, 'h3')!.textContent).to.equal('12 comments');
    });

    it('shows a load failure in an alert with a retry that works, and reports it', async () => {
      const store = new FakeStore();
      await seed(store, 'there after all');
      store.listFailures.push(failures.network());
      const el = await fixture<NewsComments>(html`<news-comments .store=${store}></news-comments>`);
      setTimeout(() => el.setAttribute('article-id', 'a1'));
      const event = await oneEvent(el, 'news-comments-error');
      expect(event.detail.error.code).to.equal('network');
      await loaded(el);
      expect(alert(el)!.textContent).to.contain('Comments could not be loaded');
      await expect(el).to.be.accessible();
      await click(el, '[role="alert"] .retry');
      await waitUntil(() => texts(el).length === 1);
      expect(alert(el)).to.equal(null);
    });

    it('never throws out of the element, even when a store throws plain errors synchronously', async () => {
      const broken = {
        kind: 'remote',
        list() {
          throw new Error('boom');
        },
        count() {
          throw new Error('boom');
        },
      };
      const el = await mount(broken);
      expect(alert(el)!.textContent).to.contain('Something went wrong');
    });

    it('shows the good comments of a page a server half broke, and follows a link without throwing', async () => {
      const good = (id: string, text: unknown, extra = {}) => ({
        id,
        parentId: null,
        author: 'Bea',
        text,
        createdAt: new Date(Date.now() - 60_000).toISOString(),
        recommends: 0,
        ...extra,
      });
      const threads = [
        null,
        good('c1', 'kept', {
          replies: [good('r1', 'kept reply', { parentId: 'c1' }), null, good('r2', 7, { parentId: 'c1' })],
        }),
        good('c2', 'no replies'),
        good('c3', { text: 'not a string' }, { replies: [] }),
        good('c4', 'also kept', { replies: [] }),
      ];
      const fetch = (async () =>
        new Response(JSON.stringify({ threads, nextCursor: null, prevCursor: null, total: 3 }), {
          headers: { 'Content-Type': 'application/json' },
        })) as typeof globalThis.fetch;
      const el = await mount(new HttpStore('https://api.example/', { fetch, retries: 0 }));
      expect(texts(el)).to.deep.equal(['kept', 'kept reply', 'also kept']);
      expect(alert(el)).to.equal(null);
      location.hash = '#comment-r1';
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'comment-r1');
      history.replaceState(null, '', location.pathname + location.search);
    });

    it('reserves the space of a known count before the comments arrive', async () => {
      const store = new FakeStore();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const list = store.list.bind(store);
      store.list = async (...args) => {
        await gate;
        return list(...args);
      };
      const el = await fixture<NewsComments>(
        html`<news-comments article-id="a1" count="5" .store=${store}></news-comments>`,
      );
      const skeleton = $(el, '.skeleton')!;
      const em = parseFloat(getComputedStyle(skeleton).fontSize);
      expect(skeleton.getBoundingClientRect().height).to.be.at.least(5 * 8 * em - 1);
      expect(skeleton.getAttribute('aria-hidden')).to.equal('true');
      expect($(el, 'h2')!.textContent).to.equal('5 comments');
      release();
    });
  });

  describe('list', () => {
    it('shows author, text, a relative time with the absolute date as title, and replies under their parent', async () => {
      const store = new FakeStore();
      const parent = await seed(store, 'Parent');
      await seed(store, 'Other');
      await seed(store, 'Child', { parentId: parent.id, author: 'Cy' });
      const el = await mount(store);
      const thread = $$(el, '.thread').find((node) => node.querySelector('.text')!.textContent === 'Parent')!;
      expect([...thread.querySelectorAll('.replies .text')].map((node) => node.textContent)).to.deep.equal(['Child']);
      expect(thread.querySelector('.replies .author')!.textContent).to.equal('Cy');
      const time = thread.querySelector('time')!;
      expect(time.dateTime).to.equal(parent.createdAt);
      expect(time.textContent).to.match(/minutes? ago|hour ago/);
      expect(time.title).to.contain(String(new Date(parent.createdAt).getFullYear()));
      await expect(el).to.be.accessible();
    });

    it('sorts newest, oldest and most recommended', async () => {
      const store = new FakeStore();
      const a = await seed(store, 'a');
      await seed(store, 'b');
      await seed(store, 'c');
      await store.recommend('a1', a.id, 'r1');
      const el = await mount(store);
      expect(texts(el)).to.deep.equal(['c', 'b', 'a']);
      const select = $<HTMLSelectElement>(el, '#sort')!;
      for (const [sort, order] of [
        ['oldest', 'abc'],
        ['recommended', 'acb'],
      ] as const) {
        select.value = sort;
        select.dispatchEvent(new Event('change'));
        await waitUntil(() => texts(el).join('') === order, `sorted ${sort}`);
      }
    });

    it('loads more pages with a cursor, then moves focus to the first new comment', async () => {
      const store = new FakeStore();
      for (let i = 0; i < 45; i++) await seed(store, `c${i}`);
      const el = await mount(store);
      expect(texts(el)).to.have.length(20);
      await click(el, '.more.next');
      await waitUntil(() => texts(el).length === 40);
      await waitUntil(() => active(el)?.textContent?.includes('c24'));
      expect($(el, '[role="status"]')!.textContent).to.equal('20 more comments loaded.');
      await click(el, '.more.next');
      await waitUntil(() => texts(el).length === 45);
      expect($(el, '.more')).to.equal(null);
      expect(new Set(texts(el)).size).to.equal(45);
    });

    it('announces each page loaded, also when it says the same as the last one', async () => {
      const store = new FakeStore();
      for (let i = 0; i < 61; i++) await seed(store, `c${i}`);
      const el = await mount(store);
      const said = announcements(el);
      for (const shown of [40, 60, 61]) {
        await click(el, '.more.next');
        await waitUntil(() => texts(el).length === shown, `comments up to ${shown} did not load`);
        await el.updateComplete;
      }
      expect(said).to.deep.equal(['20 more comments loaded.', '20 more comments loaded.', '1 more comment loaded.']);
    });

    it('leaves "Load more" usable when the sort changes while a page loads', async () => {
      const store = new FakeStore();
      for (let i = 0; i < 45; i++) await seed(store, `c${i}`);
      const el = await mount(store);
      const list = store.list.bind(store);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      store.list = async (articleId, options) => {
        if (options.cursor) await held; // only the next page waits
        return list(articleId, options);
      };
      await click(el, '.more.next');
      expect($<HTMLButtonElement>(el, '.more.next')!.disabled).to.equal(true);
      const select = $<HTMLSelectElement>(el, '#sort')!;
      select.value = 'oldest';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => texts(el)[0] === 'c0', 'the list was not read again');
      release();
      await waitUntil(() => !$<HTMLButtonElement>(el, '.more.next')!.disabled, '"Load more" stayed disabled');
      expect($(el, '.more.next')!.textContent!.trim()).to.equal('Load more comments');
      store.list = list;
      await click(el, '.more.next');
      await waitUntil(() => texts(el).length === 40, 'the next page did not load');
      expect(texts(el).slice(20, 22)).to.deep.equal(['c20', 'c21']);
    });

    it('recommends once per reader, pressed after a reload', async () => {
      const store = new FakeStore();
      await seed(store, 'good');
      let el = await mount(store);
      const button = () => $(el, '.recommend')!;
      expect(button().getAttribute('aria-pressed')).to.equal('false');
      await click(el, '.recommend');
      await waitUntil(() => button().textContent!.includes('1'));
      expect(button().getAttribute('aria-pressed')).to.equal('true');
      await click(el, '.recommend');
      await aTimeout(10);
      expect(button().querySelector('.count')!.textContent).to.equal('1');
      el = await mount(store);
      expect(button().getAttribute('aria-pressed')).to.equal('true');
    });

    it('rolls a failed recommend back and says so', async () => {
      const store = new FakeStore();
      await seed(store, 'good');
      store.actionFailures.push(failures.network());
      const el = await mount(store);
      await click(el, '.recommend');
      await waitUntil(() => alert(el));
      expect(alert(el)!.textContent).to.contain('Could not recommend');
      expect($(el, '.recommend')!.getAttribute('aria-pressed')).to.equal('false');
      expect($(el, '.recommend .count')!.textContent).to.equal('0');
    });

    it('flags after a confirmation, then shows "Flagged"', async () => {
      const store = new FakeStore();
      const bad = await seed(store, 'spam');
      const el = await mount(store);
      await click(el, '.flag');
      expect(active(el)!.textContent).to.equal('Yes, flag');
      expect(store.flags).to.deep.equal([]);
      await click(el, '.confirm-flag');
      await waitUntil(() => store.flags.length === 1);
      expect(store.flags).to.deep.equal([bad.id]);
      expect($(el, '.flagged')!.textContent).to.equal('Flagged');
      expect($(el, '.flag')).to.equal(null);
    });
  });

  describe('permalinks', () => {
    afterEach(() => history.replaceState(null, '', location.pathname + location.search));

    it('on connect, loads the page around #comment-<id>, focuses and highlights it', async () => {
      const store = new FakeStore();
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push((await seed(store, `c${i}`)).id);
      const target = ids[5]!; // the newest-first list would need two "Load more" to reach it
      history.replaceState(null, '', `#comment-${target}`);
      const el = await mount(store);
      await waitUntil(() => active(el)?.id === `comment-${target}`, 'the linked comment gets focus');
      expect(active(el)!.hasAttribute('data-highlight')).to.equal(true);
      expect(active(el)!.getAttribute('tabindex')).to.equal('-1');
      expect($(el, '.more.prev')).to.not.equal(null); // the way back to newer comments
      const link = active(el)!.querySelector<HTMLAnchorElement>('.permalink')!;
      expect(link.getAttribute('href')).to.equal(`#comment-${target}`);
    });

    it('follows hashchange to a comment not loaded yet', async () => {
      const store = new FakeStore();
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await seed(store, `c${i}`)).id);
      const el = await mount(store);
      location.hash = `#comment-${ids[0]}`;
      await waitUntil(() => active(el)?.id === `comment-${ids[0]}`, 'the linked comment gets focus');
    });

    it('ignores a link to a comment it does not hold', async () => {
      const store = new FakeStore();
      await seed(store, 'only');
      history.replaceState(null, '', '#comment-elsewhere');
      const el = await mount(store);
      expect(texts(el)).to.deep.equal(['only']);
      expect(alert(el)).to.equal(null);
    });
  });

  describe('hostile text', () => {
    it('shows markup as literal text and links only http(s) URLs, with rel', async () => {
      const store = new FakeStore();
      const hostile = [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        'javascript:alert(1)',
        'see https://example.com/?q=<b> and data:text/html,<b>x</b>',
      ];
      for (const text of hostile) await seed(store, text);
      await seed(store, 'x', { author: '<b>bold</b>' });
      const el = await mount(store);
      expect(texts(el)).to.have.members(hostile.concat('x'));
      expect($$(el, '.comment script, .comment img, .comment b')).to.have.length(0);
      const links = $$(el, '.text a') as HTMLAnchorElement[];
      expect(links).to.have.length(1);
      expect(links[0]!.href).to.equal('https://example.com/?q=%3Cb%3E');
      expect(links[0]!.textContent).to.equal('https://example.com/?q=<b>');
      expect(links[0]!.rel).to.equal('nofollow ugc noopener');
      expect(links[0]!.target).to.equal('_blank');
      expect($$(el, '.author').map((node) => node.textContent)).to.include('<b>bold</b>');
    });

    it('marks comment text and fields dir="auto" and keeps newlines', async () => {
      const store = new FakeStore();
      await seed(store, 'שלום\nline two');
      const el = await mount(store);
      const text = $(el, '.text')!;
      expect(text.getAttribute('dir')).to.equal('auto');
      expect(text.textContent).to.equal('שלום\nline two');
      expect(getComputedStyle(text).whiteSpace).to.equal('pre-wrap');
      expect($(el, '#author')!.getAttribute('dir')).to.equal('auto');
      expect($(el, '#text')!.getAttribute('dir')).to.equal('auto');
    });
  });

  describe('form', () => {
    it('labels fields and ties live counters to them', async () => {
      const el = await mount(new FakeStore());
      await type(el, 'text', 'Hello 😀');
      const textarea = $(el, '#text')!;
      expect($(el, 'label[for="text"]')!.textContent).to.equal('Comment');
      expect($(el, 'label[for="author"]')!.textContent).to.equal('Name');
      expect(textarea.getAttribute('aria-describedby')!.split(' ')).to.include('text-count');
      expect($(el, '#text-count')!.textContent).to.equal('7 / 5000'); // code points, as the limit counts
      expect($(el, '#author-count')!.textContent).to.equal('0 / 80');
    });

    it('posts, clears the draft, announces, fires an event and focuses the new comment', async () => {
      const store = new FakeStore();
      await seed(store, 'older');
      const el = await mount(store);
      const posted = oneEvent(el, 'news-comment-posted');
      await write(el, 'My view');
      const { detail } = await posted;
      expect(detail.comment.text).to.equal('My view');
      await waitUntil(() => active(el)?.id === `comment-${detail.comment.id}`);
      expect(texts(el)).to.deep.equal(['My view', 'older']);
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('');
      expect($<HTMLInputElement>(el, '#author')!.value).to.equal('Ana'); // the name stays for the next one
      expect(storedDraft()?.text ?? '').to.equal('');
      expect($(el, '[role="status"]')!.textContent).to.equal('Your comment was posted.');
      expect($(el, 'h2')!.textContent).to.equal('2 comments');
    });

    it('submits with Ctrl+Enter and Cmd+Enter', async () => {
      const store = new FakeStore();
      const el = await mount(store);
      await type(el, 'author', 'Ana');
      await type(el, 'text', 'by keyboard');
      $(el, '#text')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }),
      );
      await waitUntil(() => texts(el).includes('by keyboard'));
      await type(el, 'text', 'by mac');
      $(el, '#text')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', metaKey: true, bubbles: true, composed: true }),
      );
      await waitUntil(() => texts(el).includes('by mac'));
      expect(store.posts).to.have.length(2);
    });

    it('validates before posting, ties the message to the field and focuses it', async () => {
      const store = new FakeStore();
      const el = await mount(store);
      await type(el, 'author', 'Ana');
      await type(el, 'text', '   ');
      await click(el, '.submit');
      await el.updateComplete;
      const textarea = $(el, '#text')!;
      expect(store.posts).to.have.length(0);
      expect(textarea.getAttribute('aria-invalid')).to.equal('true');
      expect(textarea.getAttribute('aria-describedby')!.split(' ')).to.include('text-error');
      expect($(el, '#text-error')!.textContent).to.equal('Comment is required');
      expect(active(el)).to.equal(textarea);
      await expect(el).to.be.accessible();
      await type(el, 'text', 'fixed');
      expect(textarea.getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows "Posting…" and a disabled button while posting, and is accessible then', async () => {
      const store = new FakeStore();
      let release!: () => void;
      store.gate = new Promise((resolve) => (release = resolve));
      const el = await mount(store);
      await write(el, 'slow');
      expect(($(el, '.submit') as HTMLButtonElement).disabled).to.equal(true);
      expect($(el, '#comment-pending .status')!.textContent).to.equal('Posting…');
      expect($(el, '#comment-pending .text')!.textContent).to.equal('slow');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => !$(el, '#comment-pending'));
      expect(texts(el)).to.deep.equal(['slow']);
    });

    it('sends one comment for a double click and a double Enter', async () => {
      const store = new FakeStore();
      let release!: () => void;
      store.gate = new Promise((resolve) => (release = resolve));
      const el = await mount(store);
      await type(el, 'author', 'Ana');
      await type(el, 'text', 'once');
      const submit = $(el, '.submit')!;
      submit.click();
      submit.click();
      const enter = () =>
        $(el, '#text')!.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }),
        );
      enter();
      enter();
      release();
      await waitUntil(() => texts(el).includes('once'));
      expect(store.posts).to.have.length(1);
      expect(await store.count('a1')).to.equal(1);
    });

    for (const [name, failure, message] of [
      ['offline', failures.network, 'Could not reach the comments server. Your comment is saved here; try again.'],
      [
        'a timeout',
        failures.timeout,
        'The comments server took too long to answer. Your comment is saved here; try again.',
      ],
      ['a 5xx', failures.server, 'The comments server had a problem. Your comment is saved here; try again.'],
      [
        'a thrown plain Error',
        () => new Error('x'),
        'The comments server had a problem. Your comment is saved here; try again.',
      ],
    ] as const) {
      it(`keeps the draft after ${name}, says so, and retries with the same key`, async () => {
        const store = new FakeStore();
        store.postFailures.push(failure());
        const el = await mount(store);
        const errors: CommentStoreError[] = [];
        el.addEventListener('news-comments-error', (event) => errors.push(event.detail.error));
        await write(el, 'Worth keeping');
        await waitUntil(() => alert(el));
        expect(alert(el)!.querySelector('p')!.textContent).to.equal(message);
        expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Worth keeping');
        expect(storedDraft().text).to.equal('Worth keeping');
        expect($(el, '#comment-pending')).to.equal(null); // the optimistic comment is taken back
        expect(texts(el)).to.deep.equal([]);
        expect(active(el)).to.equal($(el, '#text'));
        expect(errors).to.have.length(1);
        await expect(el).to.be.accessible();

        await click(el, '.retry');
        await waitUntil(() => texts(el).includes('Worth keeping'));
        expect(store.posts.map((post) => post.idempotencyKey)).to.have.length(2);
        expect(store.posts[0]!.idempotencyKey).to.equal(store.posts[1]!.idempotencyKey);
        expect(storedDraft()?.text ?? '').to.equal('');
      });
    }

    it("shows a server's 422 field message next to the field and keeps the text", async () => {
      const store = new FakeStore();
      store.postFailures.push(failures.invalid());
      const el = await mount(store);
      await write(el, 'again and again');
      await waitUntil(() => alert(el));
      expect(alert(el)!.textContent).to.contain('Your comment was not posted: Comment must not repeat itself');
      expect(alert(el)!.querySelector('.retry')).to.equal(null); // the same text would fail the same way
      expect($(el, '#text-error')!.textContent).to.equal('Comment must not repeat itself');
      expect($(el, '#text')!.getAttribute('aria-invalid')).to.equal('true');
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('again and again');
      await expect(el).to.be.accessible();
    });

    it('keeps the draft across a reload, reply target included', async () => {
      const store = new FakeStore();
      const parent = await seed(store, 'parent');
      let el = await mount(store);
      await click(el, '.reply');
      await type(el, 'author', 'Ana');
      await type(el, 'text', 'half-written');
      el.remove(); // leaving the page saves at once, without waiting for the debounce
      el = await mount(store);
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('half-written');
      expect($<HTMLInputElement>(el, '#author')!.value).to.equal('Ana');
      expect($(el, '.replying')!.textContent).to.contain('Replying to Bea');
      expect(storedDraft().parentId).to.equal(parent.id);
    });

    it('saves the draft while typing, debounced', async () => {
      const el = await mount(new FakeStore());
      await type(el, 'text', 'typing');
      expect(storedDraft()).to.equal(null);
      await waitUntil(() => storedDraft()?.text === 'typing', 'draft saved', { timeout: 2000 });
    });

    it('replies: "Replying to X" with a cancel, the reply lands under its parent, accessible throughout', async () => {
      const store = new FakeStore();
      const parent = await seed(store, 'parent', { author: 'Bea' });
      const el = await mount(store);
      await click(el, '.reply');
      await el.updateComplete;
      expect($(el, '.replying')!.textContent).to.contain('Replying to Bea');
      expect(active(el)).to.equal($(el, '#text'));
      expect($(el, '.submit')!.textContent!.trim()).to.equal('Post reply');
      await expect(el).to.be.accessible();

      await click(el, '.cancel-reply');
      expect($(el, '.replying')).to.equal(null);
      await click(el, '.reply');
      await write(el, 'my reply');
      await waitUntil(() => texts(el, '.replies .text').includes('my reply'));
      expect(store.posts[0]!.parentId).to.equal(parent.id);
      expect($(el, '.replying')).to.equal(null);
      expect($(el, '[role="status"]')!.textContent).to.equal('Your reply was posted.');
    });
  });

  describe('when the article changes while a call is in flight', () => {
    it("leaves the new article's list and draft alone when the old post lands, and clears the old draft", async () => {
      const store = new FakeStore();
      await seed(store, 'on a2', {}, 'a2');
      const a2Draft = {
        author: 'Ana',
        text: 'half-written for a2',
        parentId: null,
        replyTo: null,
        idempotencyKey: 'k-a2',
      };
      localStorage.setItem('news-widget/draft/a2', JSON.stringify(a2Draft));
      let release!: () => void;
      store.gate = new Promise((resolve) => (release = resolve));
      const el = await mount(store);
      await write(el, 'for a1');
      expect(store.posts).to.have.length(1);
      el.articleId = 'a2';
      await loaded(el);
      await waitUntil(() => texts(el).includes('on a2'));
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('half-written for a2');

      const posted = oneEvent(el, 'news-comment-posted');
      release();
      expect((await posted).detail.comment.text).to.equal('for a1');
      await el.updateComplete;
      expect(await store.count('a1')).to.equal(1);
      expect(texts(el)).to.deep.equal(['on a2']);
      expect($(el, 'h2')!.textContent).to.equal('1 comment');
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('half-written for a2');
      el.remove(); // saves the draft in memory at once
      expect(JSON.parse(localStorage.getItem('news-widget/draft/a2')!)).to.include({
        text: 'half-written for a2',
        idempotencyKey: 'k-a2',
      });
      expect(storedDraft()?.text ?? '').to.equal(''); // a1's comment is stored: its draft is done
    });

    it('keeps the old draft and shows no error on the new article when the old post fails', async () => {
      const store = new FakeStore();
      let release!: () => void;
      store.gate = new Promise((resolve) => (release = resolve));
      store.postFailures.push(failures.network());
      const el = await mount(store);
      await write(el, 'for a1');
      el.articleId = 'a2';
      await loaded(el);
      const failed = oneEvent(el, 'news-comments-error');
      release();
      await failed;
      await el.updateComplete;
      expect(alert(el)?.textContent).to.equal(undefined); // its text, should it fail: an element does not serialise
      expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('');
      expect(storedDraft().text).to.equal('for a1');
    });

    it('rolls a failed recommend back for its own article, not the one shown', async () => {
      const store = new FakeStore();
      const good = await seed(store, 'good');
      await seed(store, 'on a2', {}, 'a2');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      store.recommend = async () => {
        await gate;
        throw failures.network();
      };
      const el = await mount(store);
      await click(el, '.recommend');
      el.articleId = 'a2';
      await loaded(el);
      await waitUntil(() => texts(el).includes('on a2'));
      const failed = oneEvent(el, 'news-comments-error');
      release();
      await failed;
      await el.updateComplete;
      expect(alert(el)?.textContent).to.equal(undefined); // the failure was on a1
      const marks = (id: string) => JSON.parse(localStorage.getItem(`news-widget/reader-marks/${id}`) ?? '{}');
      expect(marks('a1').recommended ?? []).to.not.include(good.id);
      expect(marks('a2').recommended ?? []).to.deep.equal([]);
    });

    it('flags the comment on its own article', async () => {
      const store = new FakeStore();
      const bad = await seed(store, 'spam');
      const calls: string[] = [];
      const flag = store.flag.bind(store);
      store.flag = (articleId, commentId, reader) => {
        calls.push(articleId);
        return flag(articleId, commentId, reader);
      };
      const el = await mount(store);
      await click(el, '.flag');
      $(el, '.confirm-flag')!.click();
      el.articleId = 'a2'; // in the same task: before the flag is sent
      await waitUntil(() => calls.length === 1);
      expect(calls).to.deep.equal(['a1']);
      await waitUntil(() => store.flags.length === 1);
      expect(store.flags).to.deep.equal([bad.id]);
    });
  });

  describe('inside <news-article>', () => {
    class ArticleHost extends LitElement {
      provider = new ContextProvider(this, { context: articleContext });
      override render() {
        return html`<slot></slot>`;
      }
    }
    customElements.define('test-article-host', ArticleHost);

    it('takes the article id and language from context, and seeds a local store with shipped comments', async () => {
      const article: Article = {
        id: 'ctx-article',
        lang: 'de',
        headline: 'H',
        body: ['B'],
        comments: [
          {
            id: 's1',
            parentId: null,
            author: 'Eva',
            text: 'shipped',
            createdAt: '2020-01-01T00:00:00Z',
            recommends: 0,
          },
        ],
      };
      const host = await fixture<ArticleHost>(
        html`<test-article-host><news-comments slot="comments"></news-comments></test-article-host>`,
      );
      const store = new LocalStore({ storage: null });
      const el = host.querySelector('news-comments')!;
      el.store = store;
      host.provider.setValue(article);
      await loaded(el);
      await waitUntil(() => texts(el).length === 1);
      expect(texts(el)).to.deep.equal(['shipped']);
      expect($(el, 'time')!.textContent).to.match(/vor \d+ Jahren/);
    });
  });
});
