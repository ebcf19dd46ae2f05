/**
 * `<news-moderation>` in real Chromium against the real comments server,
 * started as a newsroom's (`test/support/comments-server.ts`: sign-in
 * tokens, every comment held, "buy now" banned), driven with real key
 * presses.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ModeratedComment } from '../model/comments/moderation.js';
import './news-moderation.js';
import type { NewsModeration } from './news-moderation.js';

const INSTANCE = 'moderation';
const harness = async (action = '', body?: unknown) =>
  (await (
    await fetch(`/__comments-server${action}?instance=${INSTANCE}`, {
      method: action ? 'POST' : 'GET',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  ).json()) as Record<string, string>;

let endpoint: string;
let moderator: string;
before(async () => {
  endpoint = (await harness()).url!;
  moderator = (await harness('/moderator-token')).token!;
});
afterEach(() => sessionStorage.clear());

let keys = 0;
/** Posts a comment as a reader does; the server holds it for review. */
async function post(articleId: string, author: string, text = `Words of ${author}`): Promise<string> {
  const response = await fetch(`${endpoint}/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author, text, idempotencyKey: `moderation-test-${Date.now()}-${++keys}` }),
  });
  expect(response.status).to.equal(201);
  return ((await response.json()) as { id: string }).id;
}

/** Decides behind the element's back, as another moderator would. */
async function decide(id: string, action: string, version?: number): Promise<ModeratedComment> {
  const response = await fetch(`${endpoint}/moderation/comments/${id}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${moderator}` },
    body: JSON.stringify(version === undefined ? {} : { version }),
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as ModeratedComment;
}

/** A fresh article with a held comment by each of `authors`, oldest first. */
async function articleWith(...authors: string[]): Promise<{ articleId: string; ids: string[] }> {
  const { articleId } = await harness('/article');
  const ids = [];
  for (const author of authors) ids.push(await post(articleId!, author));
  return { articleId: articleId!, ids };
}

const root = (el: NewsModeration) => el.shadowRoot!;
const items = (el: NewsModeration) => [...root(el).querySelectorAll<HTMLElement>('.list > .comment')];
const authors = (el: NewsModeration) => items(el).map((item) => item.querySelector('.author')!.textContent);
const focused = (el: NewsModeration) => root(el).activeElement as HTMLElement | null;
const focusedAuthor = (el: NewsModeration) => focused(el)?.querySelector('.author')?.textContent;
const status = (el: NewsModeration) => root(el).querySelector('[role="status"]')!.textContent;
const alertText = (el: NewsModeration) => root(el).querySelector('[role="alert"]')!.textContent;
const tab = (el: NewsModeration, queue: string) => root(el).querySelector<HTMLElement>(`#tab-${queue}`)!;
/** A comment's facts as "term: value". */
const facts = (item: HTMLElement) =>
  [...item.querySelectorAll('.facts div')].map(
    (fact) => `${fact.querySelector('dt')!.textContent}: ${fact.querySelector('dd')!.textContent}`,
  );
const count = (el: NewsModeration, queue: string) => tab(el, queue).querySelector('.count')!.textContent;

async function mount(articleId: string, shown: number, extra: Partial<NewsModeration> = {}): Promise<NewsModeration> {
  const el = await fixture<NewsModeration>(
    html`<news-moderation endpoint=${endpoint} article=${articleId} .token=${moderator}></news-moderation>`,
  );
  Object.assign(el, extra);
  await waitUntil(() => items(el).length === shown && count(el, 'pending') !== '–', 'the queue loads');
  return el;
}

/** Focuses the first comment, as a moderator's first `j` or click does. */
async function start(el: NewsModeration): Promise<void> {
  items(el)[0]!.focus();
  await el.updateComplete;
}

describe('<news-moderation>', () => {
  it('shows the queues as tabs with their counts, the arrows moving between them, and is accessible', async () => {
    const { articleId } = await articleWith('Ana', 'Ben');
    const el = await mount(articleId, 2);
    const tabs = [...root(el).querySelectorAll('[role="tab"]')];
    expect(tabs.map((each) => each.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Pending 2',
      'Reported 0',
      'Approved 0',
      'Rejected 0',
    ]);
    expect(tab(el, 'pending').getAttribute('aria-selected')).to.equal('true');
    expect(root(el).querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby')).to.equal('tab-pending');
    await expect(el).to.be.accessible();

    tab(el, 'pending').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(tab(el, 'reported').getAttribute('aria-selected')).to.equal('true');
    expect(focused(el)).to.equal(tab(el, 'reported'));
    await waitUntil(() => root(el).querySelector('.empty')?.textContent === 'No comments in this queue.');
    await expect(el).to.be.accessible();
  });

  it('shows each comment’s text, reasons, article, record, flags and status', async () => {
    const { articleId, ids } = await articleWith('Ana');
    await decide(ids[0]!, 'approve');
    await post(articleId, 'Ana', 'A second <b>thought</b>');
    const el = await mount(articleId, 1);
    const item = items(el)[0]!;
    expect(item.querySelector('.text')!.textContent).to.equal('A second <b>thought</b>');
    expect(item.querySelector('.text b')).to.equal(null);
    expect([...item.querySelectorAll('.reasons li')].map((li) => li.textContent)).to.deep.equal([
      'Every comment is reviewed',
    ]);
    expect(facts(item)).to.deep.equal([
      `Article: ${articleId}`,
      'Author’s record: 1 approved, 0 rejected',
      'Flags: none',
    ]);
    expect(item.querySelector('.status')!.textContent).to.equal('pending review');
  });

  it('marks the banned word it was held for, whatever its case and spacing', async () => {
    const { articleId } = await harness('/article');
    await post(articleId!, 'Spammer', 'Deals! BUY   now, buy NOW.');
    const el = await mount(articleId!, 1);
    const item = items(el)[0]!;
    expect([...item.querySelectorAll('mark')].map((mark) => mark.textContent)).to.deep.equal(['BUY   now', 'buy NOW']);
    expect(item.querySelector('.text')!.textContent).to.equal('Deals! BUY   now, buy NOW.');
    expect([...item.querySelectorAll('.reasons li')].map((li) => li.textContent)).to.include('Banned word: “buy now”');
    await expect(el).to.be.accessible();
  });

  it('marks the banned word as the screening found it: full width, or with an invisible character inside', async () => {
    const { articleId } = await harness('/article');
    await post(articleId!, 'Spammer', 'Ｂｕｙ ｎｏｗ, or bu\u200By NOW, not buy nowhere.');
    const el = await mount(articleId!, 1);
    const item = items(el)[0]!;
    expect([...item.querySelectorAll('mark')].map((mark) => mark.textContent)).to.deep.equal([
      'Ｂｕｙ ｎｏｗ',
      'bu\u200By NOW',
    ]);
    expect(item.querySelector('.text')!.textContent).to.equal('Ｂｕｙ ｎｏｗ, or bu\u200By NOW, not buy nowhere.');
  });

  it('approves with a: the comment leaves the queue, focus is on the next, and it is announced', async () => {
    const { articleId } = await articleWith('Ana', 'Ben', 'Cleo');
    const el = await mount(articleId, 3);
    await start(el);
    await sendKeys({ press: 'a' });
    await waitUntil(() => items(el).length === 2, 'Ana’s comment leaves the queue');
    expect(authors(el)).to.deep.equal(['Ben', 'Cleo']);
    expect(focusedAuthor(el)).to.equal('Ben');
    await waitUntil(() => status(el) === 'Approved comment by Ana');
    await waitUntil(() => count(el, 'pending') === '2' && count(el, 'approved') === '1', 'the counts follow');
    await expect(el).to.be.accessible();
  });

  it('rejects with r, and u puts the comment back in its place with focus on it', async () => {
    const { articleId } = await articleWith('Ana', 'Ben');
    const el = await mount(articleId, 2);
    await start(el);
    await sendKeys({ press: 'r' });
    await waitUntil(() => items(el).length === 1);
    expect(focusedAuthor(el)).to.equal('Ben');
    await waitUntil(() => status(el) === 'Rejected comment by Ana');
    await waitUntil(() => count(el, 'rejected') === '1');

    await sendKeys({ press: 'u' });
    await waitUntil(() => status(el) === 'Put the comment by Ana back for review', 'the undo is done');
    expect(authors(el)).to.deep.equal(['Ana', 'Ben']);
    await waitUntil(() => focusedAuthor(el) === 'Ana', 'focus is on the comment put back');
    await waitUntil(() => count(el, 'rejected') === '0' && count(el, 'pending') === '2');
    await sendKeys({ press: 'u' });
    await waitUntil(() => status(el) === 'There is nothing to undo.');
  });

  it('shows a flagged comment in the reported queue, and an approval answers the flags', async () => {
    const { articleId, ids } = await articleWith('Ana', 'Ben');
    for (const id of ids) await decide(id, 'approve');
    const flagged = await fetch(`${endpoint}/articles/${articleId}/comments/${ids[0]}/flag`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ readerId: 'reader-who-flags' }),
    });
    expect(flagged.status).to.equal(200);
    const el = await mount(articleId, 0);
    expect(count(el, 'reported')).to.equal('1');
    tab(el, 'reported').click();
    await waitUntil(() => items(el).length === 1);
    expect(facts(items(el)[0]!)).to.include('Flags: 1 reader');
    await start(el);
    await sendKeys({ press: 'a' });
    await waitUntil(() => items(el).length === 0 && count(el, 'reported') === '0', 'the flags are answered');
    await waitUntil(() => status(el) === 'Approved comment by Ana');
  });

  it('features a published comment with f, and u unfeatures it', async () => {
    const { articleId, ids } = await articleWith('Ana', 'Ben');
    await decide(ids[0]!, 'approve');
    await decide(ids[1]!, 'approve');
    const el = await mount(articleId, 0);
    tab(el, 'approved').click();
    await waitUntil(() => items(el).length === 2);
    await start(el);
    await sendKeys({ press: 'f' });
    await waitUntil(() => status(el) === 'Featured comment by Ana');
    expect(items(el)[0]!.querySelector('.status')!.textContent).to.equal('published, editors’ pick');
    expect(focusedAuthor(el)).to.equal('Ben');
    await sendKeys({ press: 'u' });
    await waitUntil(() => status(el) === 'Unfeatured comment by Ana');
    expect(items(el)[0]!.querySelector('.status')!.textContent).to.equal('published');
    await waitUntil(() => focusedAuthor(el) === 'Ana', 'focus is on the comment unfeatured');
  });

  it('says f needs a published comment, without asking the server', async () => {
    const { articleId } = await articleWith('Ana');
    const el = await mount(articleId, 1);
    await start(el);
    await sendKeys({ press: 'f' });
    await waitUntil(() => alertText(el) === 'Only a published comment can be featured: approve it first.');
    expect(items(el)[0]!.querySelector('.note')!.textContent).to.equal(alertText(el));
  });

  it('moves with j and k, within the list', async () => {
    const { articleId } = await articleWith('Ana', 'Ben', 'Cleo');
    const el = await mount(articleId, 3);
    await start(el);
    const pressed: (string | null | undefined)[] = [];
    for (const key of ['j', 'j', 'j', 'k', 'k', 'k']) {
      await sendKeys({ press: key });
      await el.updateComplete;
      pressed.push(focusedAuthor(el));
    }
    expect(pressed).to.deep.equal(['Ben', 'Cleo', 'Cleo', 'Ben', 'Ana', 'Ana']);
    // A button inside a comment makes that comment the one the keys act on.
    items(el)[2]!.querySelector<HTMLButtonElement>('[part~="reject"]')!.focus();
    await sendKeys({ press: 'a' });
    await waitUntil(() => status(el) === 'Approved comment by Cleo');
    expect(items(el).filter((item) => item.tabIndex === 0)).to.have.length(1);
  });

  it('shows the keys with ?, b among them, in an accessible dialog that Escape closes', async () => {
    const { articleId } = await articleWith('Ana');
    const el = await mount(articleId, 1);
    await start(el);
    await sendKeys({ press: '?' });
    const dialog = root(el).querySelector<HTMLDialogElement>('dialog.keys')!;
    await waitUntil(() => dialog.open, 'the keys show');
    expect(dialog.textContent).to.contain('Ban the author, after you confirm').and.contain('a ban is not undone');
    expect(dialog.textContent).not.to.contain('not available');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
  });

  it('on a 409, says another moderator decided first, with the status now, and brings the comment up to date', async () => {
    const { articleId, ids } = await articleWith('Ana');
    const el = await mount(articleId, 1);
    await start(el);
    await decide(ids[0]!, 'approve', 1);
    await sendKeys({ press: 'a' });
    const message = 'Another moderator decided this first: it is now published.';
    await waitUntil(() => alertText(el) === message, 'the conflict is told');
    const item = items(el)[0]!;
    expect(item.querySelector('.note')!.textContent).to.equal(message);
    expect(item.querySelector('.status')!.textContent).to.equal('published');
    // Up to date, the next decision is made on the version as it is now.
    await sendKeys({ press: 'r' });
    await waitUntil(() => status(el) === 'Rejected comment by Ana');
    await expect(el).to.be.accessible();
  });

  it('shows new held comments as they arrive, keeping the moderator’s focus and place', async () => {
    const { articleId } = await articleWith('Ana', 'Ben');
    const el = await mount(articleId, 2, { pollInterval: 100 });
    await start(el);
    await sendKeys({ press: 'j' });
    const before = focused(el);
    await post(articleId, 'Dev');
    await waitUntil(() => items(el).length === 3, 'the new comment joins the end');
    expect(authors(el)).to.deep.equal(['Ana', 'Ben', 'Dev']);
    expect(focused(el)).to.equal(before);
    await waitUntil(() => count(el, 'pending') === '3');
  });

  it('stops asking while the page is hidden, and asks at once when it shows again', async () => {
    const { articleId } = await articleWith('Ana');
    const el = await mount(articleId, 1, { pollInterval: 100 });
    const visibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      visibility('hidden');
      await post(articleId, 'Ben');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(authors(el)).to.deep.equal(['Ana']);
      visibility('visible');
      await waitUntil(() => items(el).length === 2, 'shown again, it asks');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('fits a 375 px wide phone (as 200% zoom of a small laptop does), nothing wider than the screen', async () => {
    await setViewport({ width: 375, height: 700 });
    try {
      const { articleId } = await harness('/article');
      await post(articleId!, 'Ana', `A long unbroken word: ${'x'.repeat(200)} and buy now`);
      const el = await mount(articleId!, 1);
      const wider = [...root(el).querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > 375);
      expect(wider.map((node) => node.className || node.tagName)).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is accessible in dark mode', async () => {
    const { articleId } = await articleWith('Ana');
    await post(articleId, 'Spammer', 'buy now');
    const el = await mount(articleId, 2);
    el.theme = 'dark';
    await el.updateComplete;
    expect(root(el).querySelector('.root')!.getAttribute('data-scheme')).to.equal('dark');
    await expect(el).to.be.accessible();
  });

  it('asks for a token when it has none, refuses a reader’s, and keeps a moderator’s in this tab only', async () => {
    const { articleId } = await articleWith('Ana');
    const el = await fixture<NewsModeration>(
      html`<news-moderation endpoint=${endpoint} article=${articleId}></news-moderation>`,
    );
    const field = root(el).querySelector<HTMLInputElement>('#token')!;
    const submit = () => root(el).querySelector<HTMLButtonElement>('.sign-in button')!.click();
    field.value = (await harness('/moderator-token', { sub: 'Reader', role: '' })).token!;
    submit();
    await el.updateComplete;
    expect(root(el).querySelector('#token-error')!.textContent).to.equal(
      'This token signs in Reader, who is not a moderator.',
    );
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    field.value = moderator;
    submit();
    await waitUntil(() => items(el).length === 1, 'the queue loads');
    expect(sessionStorage.getItem('news-widget/moderator-token')).to.equal(moderator);
    expect(localStorage.getItem('news-widget/moderator-token')).to.equal(null);
  });

  it('says so when what answers at the endpoint is no comments server', async () => {
    const el = await fixture<NewsModeration>(
      html`<news-moderation endpoint="/no-comments-server-here" .token=${moderator}></news-moderation>`,
    );
    await waitUntil(() => alertText(el) !== '', 'the failure is told');
    expect(alertText(el)).to.equal('The comments server answered 404 without JSON.');
    await expect(el).to.be.accessible();
  });

  it('says a token that is not a moderator’s is refused by the server', async () => {
    const { articleId } = await articleWith('Ana');
    const reader = (await harness('/moderator-token', { sub: 'Reader', role: '' })).token!;
    const el = await fixture<NewsModeration>(
      html`<news-moderation endpoint=${endpoint} article=${articleId} .token=${reader}></news-moderation>`,
    );
    await waitUntil(() => alertText(el) !== '', 'the refusal is told');
    expect(alertText(el)).to.equal('This sign-in is not a moderator’s: sign in with a moderator’s account.');
  });
});
