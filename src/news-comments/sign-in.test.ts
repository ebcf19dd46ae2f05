import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { CommentStoreError, type CommentStore } from '../stores/store.js';
import { $, FakeStore, loaded, texts, type } from './test-helpers.js';

const part = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
/** A token's shape, for a store that does not verify it; the reference server's tests sign theirs. */
const tokenFor = (name: string) =>
  `${part({ alg: 'HS256', kid: 'k' })}.${part({ name, sub: name, jti: Math.random().toString(36) })}.c2ln`;

/** A token endpoint as a real URL the page can fetch: a Blob holding its answer. */
const endpointAnswering = (body: unknown) =>
  URL.createObjectURL(new Blob([JSON.stringify(body)], { type: 'application/json' }));

const mount = async (store: CommentStore, theme: 'light' | 'dark' = 'light') =>
  loaded(
    await fixture<NewsComments>(html`<news-comments article-id="a1" theme=${theme} .store=${store}></news-comments>`),
  );

const click = async (el: NewsComments, selector: string) => {
  $(el, selector)!.click();
  await el.updateComplete;
};

const signInRequired = () =>
  new CommentStoreError('sign_in_required', 'Sign in to comment on this site.', { status: 401 });

beforeEach(() => localStorage.clear());

describe('<news-comments> signed in', () => {
  it('comments as the account the token names, in place of the name field, and is accessible so, dark too', async () => {
    const store = new FakeStore();
    for (const theme of ['light', 'dark'] as const) {
      const el = await mount(store, theme);
      el.token = tokenFor('Zoë <b>Li</b>');
      await waitUntil(() => $(el, '.commenting-as'), 'the name shows');
      expect($(el, '.commenting-as')!.textContent).to.equal('Commenting as Zoë <b>Li</b>');
      expect($(el, '.commenting-as b')).to.equal(null);
      expect($(el, '#author')).to.equal(null);
      await expect(el).to.be.accessible();
    }
    const el = await mount(store);
    const token = tokenFor('Zoë Li');
    el.token = token;
    await waitUntil(() => $(el, '.commenting-as'), 'the name shows');
    await type(el, 'text', 'Signed, not typed.');
    await click(el, '.submit');
    await waitUntil(() => texts(el).includes('Signed, not typed.'), 'posted');
    expect(store.posts.at(-1)).to.include({ author: 'Zoë Li', text: 'Signed, not typed.' });
    // The token is never shown, nor an attribute.
    expect(el.outerHTML).not.to.include(token);
    expect(el.shadowRoot!.innerHTML).not.to.include(token);
  });

  it('asks its token endpoint who the reader is', async () => {
    const el = await fixture<NewsComments>(
      html`<news-comments article-id="a1" token-endpoint=${endpointAnswering({ token: tokenFor('Ada') })} .store=${new FakeStore()}></news-comments>`,
    );
    await waitUntil(() => $(el, '.commenting-as'), 'the name shows');
    expect($(el, '.commenting-as')!.textContent).to.equal('Commenting as Ada');
  });

  it('says it could not tell who the reader is when the token endpoint fails, and lets them comment by name', async () => {
    // A URL that answers nothing any more: the service is out of reach.
    const gone = endpointAnswering({});
    URL.revokeObjectURL(gone);
    const el = await fixture<NewsComments>(
      html`<news-comments article-id="a1" token-endpoint=${gone} .store=${new FakeStore()}></news-comments>`,
    );
    await waitUntil(() => $(el, '.form .note'), 'the failure is said');
    expect($(el, '.form .note')!.textContent).to.equal(
      'Could not check whether you are signed in: Could not reach the sign-in service.',
    );
    expect($(el, '#author')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('asks to sign in when the store takes signed-in comments only, keeps the draft, and posts it once signed in', async () => {
    const store = new FakeStore();
    store.postFailures.push(signInRequired());
    const el = await mount(store);
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Written before signing in.');
    await click(el, '.submit');
    await waitUntil(() => $(el, '.sign-in'), 'the sign-in button shows');
    expect($(el, '[role="alert"]')!.textContent).to.contain(
      'Commenting here needs signing in. Your comment is saved here.',
    );
    expect($(el, '.sign-in-note')!.textContent).to.contain('Commenting here needs signing in.');
    expect($(el, '.submit')).to.equal(null);
    expect($(el, '#author')).to.equal(null);
    expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Written before signing in.');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();

    // The host page hears the request wherever it listens, through shadow roots.
    setTimeout(() => $(el, '.sign-in')!.click());
    const request = await oneEvent(document, 'news-sign-in-requested');
    expect(request.composed && request.bubbles).to.equal(true);
    // Ctrl+Enter asks too, rather than posting a comment the server would refuse.
    setTimeout(() =>
      $(el, '#text')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }),
      ),
    );
    await oneEvent(el, 'news-sign-in-requested');
    expect(store.posts).to.have.length(1);

    el.token = tokenFor('Ana Account');
    await waitUntil(() => $(el, '.submit'), 'the post button is back');
    expect($(el, '.commenting-as')!.textContent).to.equal('Commenting as Ana Account');
    expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Written before signing in.');
    await click(el, '.submit');
    await waitUntil(() => texts(el).includes('Written before signing in.'), 'the draft is posted');
    expect(store.posts.at(-1)).to.include({ author: 'Ana Account' });
  });

  it('asks to sign in again when the token expired and could not be renewed, then posts with the new one', async () => {
    const store = new FakeStore();
    store.postFailures.push(new CommentStoreError('token_expired', 'The sign-in token has expired.', { status: 401 }));
    const el = await mount(store);
    el.token = tokenFor('Ada');
    await waitUntil(() => $(el, '.commenting-as'), 'signed in');
    await type(el, 'text', 'Kept through an expired token.');
    await click(el, '.submit');
    await waitUntil(() => $(el, '.sign-in'), 'asked to sign in again');
    expect($(el, '[role="alert"]')!.textContent!.trim()).to.equal(
      'Your sign-in has expired; sign in again. Your comment is saved here.',
    );
    el.token = tokenFor('Ada');
    await el.updateComplete;
    await waitUntil(() => $(el, '.submit'), 'the post button is back');
    expect($(el, '[role="alert"]')).to.equal(null);
    await click(el, '.submit');
    await waitUntil(() => texts(el).includes('Kept through an expired token.'), 'posted');
  });

  it('says a sign-in the server refused is the problem, with the draft kept', async () => {
    const store = new FakeStore();
    store.postFailures.push(
      new CommentStoreError('token_wrong_audience', 'The sign-in token is not for this site (news).', { status: 401 }),
    );
    const el = await mount(store);
    el.token = tokenFor('Ada');
    await waitUntil(() => $(el, '.commenting-as'), 'signed in');
    await type(el, 'text', 'Kept.');
    await click(el, '.submit');
    await waitUntil(() => $(el, '[role="alert"]'), 'the failure is said');
    expect($(el, '[role="alert"]')!.textContent!.trim()).to.equal(
      'The comments server could not accept your sign-in: The sign-in token is not for this site (news). Your comment is saved here.',
    );
    expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Kept.');
  });
});
