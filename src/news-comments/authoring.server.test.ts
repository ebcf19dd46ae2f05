import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import type { CommentPage } from '../model/comments/contract.js';
import { HttpStore } from '../stores/http-store.js';
import { $, $$, loaded, texts, type } from './test-helpers.js';

/**
 * Signing in, and editing and deleting one's own comments, against the real
 * reference server the test harness runs (`test/support/comments-server.ts`),
 * with tokens signed by its key.
 */
const harness = (action: string, instance: string, body?: unknown) =>
  fetch(`/__comments-server${action}?instance=${instance}`, {
    method: body === undefined && action === '' ? 'GET' : 'POST',
    ...(body !== undefined && { body: JSON.stringify(body) }),
  }).then((response) => response.json());

const configure = (instance: string, settings: object = {}) =>
  harness('/configure', instance, settings) as Promise<{ url: string }>;
const tokenFor = async (instance: string, name: string, sub = name) =>
  ((await harness('/token', instance, { name, sub })) as { token: string }).token;
const newArticle = async (instance: string) =>
  ((await harness('/article', instance)) as { articleId: string }).articleId;

/** What anyone reading the article sees, straight from the server. */
const read = async (url: string, articleId: string): Promise<CommentPage> =>
  (await fetch(`${url}/articles/${articleId}/comments?sort=newest`)).json();

/** A fresh element, as after a reload: a store of its own, over this browser's storage. */
const mount = async (url: string, articleId: string, props: { token?: string; tokenEndpoint?: string } = {}) =>
  loaded(
    await fixture<NewsComments>(
      html`<news-comments
        article-id=${articleId}
        token-endpoint=${props.tokenEndpoint ?? ''}
        .token=${props.token}
        .store=${new HttpStore(url, { retries: 0 })}
      ></news-comments>`,
    ),
  );

/** As `mount`, with the element's own store for the endpoint, as a page sets it up. */
const mountAt = async (url: string, articleId: string, token?: string) =>
  loaded(
    await fixture<NewsComments>(
      html`<news-comments article-id=${articleId} endpoint=${url} .token=${token}></news-comments>`,
    ),
  );

const click = async (el: NewsComments, selector: string) => {
  $(el, selector)!.click();
  await el.updateComplete;
};
async function write(el: NewsComments, text: string, author?: string) {
  if (author) await type(el, 'author', author);
  await type(el, 'text', text);
  await click(el, '.submit');
  await waitUntil(() => !$(el, '.status'), `"${text}" is answered`);
  expect($(el, '.form [role="alert"]')?.textContent ?? 'posted').to.equal('posted');
  expect(texts(el)).to.include(text);
}
async function editTo(el: NewsComments, text: string) {
  await click(el, '.edit');
  const area = $<HTMLTextAreaElement>(el, '.editor textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  await click(el, '.editor .save');
  await waitUntil(() => !$(el, '.editor'), 'saved');
}

beforeEach(() => localStorage.clear());

describe('<news-comments> on the reference server, signed in or by edit key', () => {
  it('asks to sign in where the server takes signed-in comments only, then posts the draft under the account', async () => {
    const { url } = await configure('deny', { anonymous: 'deny' });
    const articleId = await newArticle('deny');
    const el = await mountAt(url, articleId);
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Before signing in.');
    await click(el, '.submit');
    await waitUntil(() => $(el, '.sign-in'), 'the server’s answer is enough to ask');
    expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Before signing in.');
    setTimeout(() => $(el, '.sign-in')!.click());
    await oneEvent(el, 'news-sign-in-requested');

    el.token = await tokenFor('deny', 'Ana Account', 'ana-1');
    await waitUntil(() => $(el, '.submit'), 'signed in');
    await click(el, '.submit');
    await waitUntil(() => !$(el, '.status') && texts(el).includes('Before signing in.'), 'the draft is posted');
    const [posted] = (await read(url, articleId)).threads;
    expect(posted).to.include({ author: 'Ana Account', text: 'Before signing in.', signedIn: true });

    // This browser learned it: the next visit says so before the reader types.
    const next = await mountAt(url, await newArticle('deny'));
    expect($(next, '.sign-in-note')).to.exist;
    expect($(next, '.sign-in')).to.exist;
  });

  it('refreshes an expired token once through the token endpoint, and the post goes through', async () => {
    const { url } = await configure('deny', { anonymous: 'deny' });
    const articleId = await newArticle('deny');
    const session = `s-${Math.random()}`;
    const el = await mount(url, articleId, {
      tokenEndpoint: `/__comments-server/token-endpoint?instance=deny&name=Bo&sub=bo-1&session=${session}&expired=first`,
    });
    await waitUntil(() => $(el, '.commenting-as'), 'signed in');
    await write(el, 'After a fresh token.');
    const { calls } = (await (await fetch(`/__comments-server/token-calls?session=${session}`)).json()) as {
      calls: number;
    };
    expect(calls).to.equal(2);
    expect((await read(url, articleId)).threads[0]).to.include({ author: 'Bo', signedIn: true });
  });

  it('lets a reader who is not signed in edit by the edit key this browser kept, after a reload; others see no buttons', async () => {
    const { url } = await harness('', 'main');
    const articleId = await newArticle('main');
    const first = await mount(url, articleId);
    await write(first, 'Tpyo here.', 'Ana');
    first.remove();

    const again = await mount(url, articleId);
    expect($$(again, '.edit')).to.have.length(1);
    await editTo(again, 'Typo fixed.');
    expect(texts(again)).to.deep.equal(['Typo fixed.']);
    expect((await read(url, articleId)).threads[0]).to.include({ text: 'Typo fixed.', edited: true });

    localStorage.clear(); // another reader, or this one in another browser
    const other = await mount(url, articleId);
    expect(texts(other)).to.deep.equal(['Typo fixed.']);
    expect($$(other, '.edit, .delete')).to.have.length(0);
  });

  it('shows a signed-in reader’s own comments as theirs, and another reader’s as not, and deletes with replies as a mark', async () => {
    const { url } = await configure('signed', { anonymous: 'allow' });
    const articleId = await newArticle('signed');
    const ada = await tokenFor('signed', 'Ada', 'ada-1');
    const el = await mount(url, articleId, { token: ada });
    await waitUntil(() => $(el, '.commenting-as'), 'signed in');
    await write(el, 'Ada’s thread.');
    const grace = await mount(url, articleId, { token: await tokenFor('signed', 'Grace', 'grace-1') });
    await waitUntil(() => $(grace, '.commenting-as'), 'signed in');
    expect($$(grace, '.edit, .delete')).to.have.length(0);
    await click(grace, '.reply');
    await write(grace, 'Grace replies.');

    const back = await mount(url, articleId, { token: ada });
    await waitUntil(() => $$(back, '.delete').length === 1, 'Ada’s own comment is marked by the server');
    expect($(back, 'h2')!.textContent).to.equal('2 comments');
    await click(back, '.delete');
    await click(back, '.confirm-delete');
    await waitUntil(() => $(back, 'h2')!.textContent === '1 comment', 'the count follows');
    expect(texts(back, '.replies .text')).to.deep.equal(['Grace replies.']);
    const [mark] = (await read(url, articleId)).threads;
    expect(mark).to.include({ deleted: true, author: '', text: '' });
  });
});
