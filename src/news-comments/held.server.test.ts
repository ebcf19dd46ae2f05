/**
 * A comment the server holds for review, as its author sees it: the real
 * reference server of a newsroom that premoderates everything.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CommentPage } from '../model/comments/contract.js';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { $, $$, announcements, loaded, texts, type } from './test-helpers.js';

// An instance whose name starts with `moderation` holds every comment (test/support/comments-server.ts).
const INSTANCE = 'moderation-held';

const server = async () => {
  const { url } = await (await fetch(`/__comments-server?instance=${INSTANCE}`)).json();
  const { articleId } = await (
    await fetch(`/__comments-server/article?instance=${INSTANCE}`, { method: 'POST' })
  ).json();
  return { url: url as string, articleId: articleId as string };
};
const tokenOf = async (sub: string, role: 'moderator' | '' = '') =>
  (
    await (
      await fetch(`/__comments-server/moderator-token?instance=${INSTANCE}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sub, role }),
      })
    ).json()
  ).token as string;
/** A moderator's decision, as the moderation page would send it. */
const decide = async (url: string, id: string, action: 'approve' | 'reject' | 'feature') => {
  const response = await fetch(`${url}/moderation/comments/${id}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenOf('Mod', 'moderator')}` },
    body: '{}',
  });
  expect(response.status, `${action} ${id}`).to.equal(200);
};
const mount = async (url: string, articleId: string, token?: string) =>
  loaded(
    await fixture<NewsComments>(
      html`<news-comments endpoint=${url} article-id=${articleId} .token=${token}></news-comments>`,
    ),
  );
const comment = (el: NewsComments, text: string) =>
  $$(el, '.comment').find((node) => node.querySelector('.text')?.textContent === text);
const post = async (el: NewsComments, text: string, author?: string) => {
  if (author) await type(el, 'author', author);
  await type(el, 'text', text);
  $(el, '.submit')!.click();
  await waitUntil(() => comment(el, text)?.querySelector('[part="held"]'), `"${text}" was not shown held`);
  return comment(el, text)!.id.replace(/^comment-/, '');
};

describe('<news-comments> with a comment held for review', () => {
  it('tells its author it awaits review, offers no reply to it, and shows it to no one else', async () => {
    const { url } = await (await fetch(`/__comments-server?instance=${INSTANCE}`)).json();
    const { articleId } = await (
      await fetch(`/__comments-server/article?instance=${INSTANCE}`, { method: 'POST' })
    ).json();
    const el = await loaded(
      await fixture<NewsComments>(html`<news-comments endpoint=${url} article-id=${articleId}></news-comments>`),
    );
    const heard = announcements(el);
    await type(el, 'author', 'Ana');
    await type(el, 'text', 'Held for a moderator.');
    $(el, '.submit')!.click();
    await waitUntil(() => $(el, '[part="held"]'), 'the held note did not show');
    const held = $$(el, '.comment').find((node) => node.textContent!.includes('Held for a moderator.'))!;
    expect(held.querySelector('[part="held"]')!.textContent).to.equal(
      'Awaiting review: only you can see it until a moderator approves it.',
    );
    expect(held.querySelector('.reply, .recommend, .flag'), 'nothing to answer or rate yet').to.equal(null);
    expect(heard).to.include("Your comment was received; it awaits a moderator's review.");
    await expect(el).shadowDom.to.be.accessible();
    const page = (await (await fetch(`${url}/articles/${articleId}/comments`)).json()) as CommentPage;
    expect(page.threads, 'no one else sees it').to.deep.equal([]);
  });

  it('keeps showing an anonymous author their held comment on later visits, then shows it published once approved', async () => {
    const { url, articleId } = await server();
    const first = await mount(url, articleId);
    const id = await post(first, 'Waiting for a moderator, across reloads.', 'Ana');
    first.remove();
    const again = await mount(url, articleId);
    const held = comment(again, 'Waiting for a moderator, across reloads.');
    expect(held?.querySelector('[part="held"]')?.textContent).to.equal(
      'Awaiting review: only you can see it until a moderator approves it.',
    );
    expect($(again, '.heading')!.textContent, 'counted for no one').to.equal('Comments');
    await expect(again).shadowDom.to.be.accessible();
    again.remove();
    await decide(url, id, 'approve');
    const approved = await mount(url, articleId);
    const published = comment(approved, 'Waiting for a moderator, across reloads.');
    expect(published, 'shown published').to.exist;
    expect(published!.querySelector('[part="held"]')).to.equal(null);
    expect(published!.querySelector('.reply'), 'others may answer it now').to.exist;
  });

  it('drops a rejected comment from its anonymous author’s view on the next visit, without a word to anyone else', async () => {
    const { url, articleId } = await server();
    const el = await mount(url, articleId);
    const id = await post(el, 'Not to be published.', 'Ana');
    el.remove();
    await decide(url, id, 'reject');
    const later = await mount(url, articleId);
    expect(comment(later, 'Not to be published.')).to.equal(undefined);
  });

  it('shows a signed-in author their held comments and replies on a first page, wherever they read it', async () => {
    const { url, articleId } = await server();
    const reader = await tokenOf('reader-held');
    const el = await mount(url, articleId, reader);
    const top = await post(el, 'A thread of mine, held.');
    el.remove();
    await decide(url, top, 'approve');
    const answering = await mount(url, articleId, reader);
    comment(answering, 'A thread of mine, held.')!.querySelector<HTMLButtonElement>('.reply')!.click();
    await answering.updateComplete;
    await post(answering, 'My reply, held too.');
    answering.remove();
    // Another browser, the same account: both from the server, the reply in its thread.
    localStorage.clear();
    const elsewhere = await mount(url, articleId, reader);
    const reply = comment(elsewhere, 'My reply, held too.');
    expect(reply?.querySelector('[part="held"]'), 'the held reply').to.exist;
    expect(reply!.closest('.thread')!.querySelector('.text')!.textContent).to.equal('A thread of mine, held.');
    const anyone = await mount(url, articleId);
    expect(comment(anyone, 'My reply, held too.'), 'no one else sees it').to.equal(undefined);
  });

  it('shows the editors’ picks first, marked, whatever the sort, and a new comment below them', async () => {
    const { url, articleId } = await server();
    const reader = await tokenOf('reader-picks');
    const el = await mount(url, articleId, reader);
    const picked = await post(el, 'Worth picking.');
    await decide(url, picked, 'approve');
    await decide(url, picked, 'feature');
    const later = await post(el, 'Posted after.');
    await decide(url, later, 'approve');
    el.remove();
    for (const sort of ['newest', 'oldest']) {
      const list = await mount(url, articleId);
      if (sort === 'oldest') {
        const select = $<HTMLSelectElement>(list, 'select')!;
        select.value = 'oldest';
        select.dispatchEvent(new Event('change'));
        await waitUntil(() => !$(list, '.skeleton') && texts(list).length === 2, 'the list was not read again');
      }
      expect(texts(list), sort).to.deep.equal(['Worth picking.', 'Posted after.']);
      expect($(list, '.comment [part="pick"]')!.textContent).to.equal('Editors’ pick');
      expect($$(list, '[part="pick"]')).to.have.length(1);
      await expect(list).shadowDom.to.be.accessible();
      list.remove();
    }
    const writer = await mount(url, articleId, reader);
    await post(writer, 'Newest of all.');
    expect(texts(writer).slice(0, 2), 'the pick stays first').to.deep.equal(['Worth picking.', 'Newest of all.']);
  });

  it('with live, turns its author’s held comment into a published one the moment a moderator approves it', async () => {
    const { url, articleId } = await server();
    const el = await loaded(
      await fixture<NewsComments>(html`<news-comments live endpoint=${url} article-id=${articleId}></news-comments>`),
    );
    const id = await post(el, 'Approved while I watch.', 'Ana');
    await decide(url, id, 'approve');
    await waitUntil(
      () => comment(el, 'Approved while I watch.')?.querySelector('.reply'),
      'the comment did not turn published',
    );
    expect(comment(el, 'Approved while I watch.')!.querySelector('[part="held"]')).to.equal(null);
    expect($$(el, '.comment').filter((node) => node.textContent!.includes('Approved while I watch.'))).to.have.length(
      1,
    );
    expect($(el, '.heading')!.textContent).to.include('1');
  });

  it('shows a signed-in author their held reply to an older thread once its page is loaded', async () => {
    const { url, articleId } = await server();
    const { ids } = await (
      await fetch(`/__comments-server/seed?instance=${INSTANCE}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ articleId, count: 25 }),
      })
    ).json();
    const oldest = ids[0] as string;
    const reader = await tokenOf('reader-older');
    const posted = await fetch(`${url}/articles/${articleId}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${reader}` },
      body: JSON.stringify({ author: '', text: 'A late reply, held.', parentId: oldest, idempotencyKey: 'late-reply' }),
    });
    expect(posted.status).to.equal(201);
    const el = await mount(url, articleId, reader);
    expect(comment(el, 'A late reply, held.'), 'its thread is on the next page').to.equal(undefined);
    $<HTMLButtonElement>(el, '.more.next')!.click();
    await waitUntil(() => comment(el, 'A late reply, held.'), 'the held reply did not show with its thread');
    const reply = comment(el, 'A late reply, held.')!;
    expect(reply.querySelector('[part="held"]')).to.exist;
    expect(reply.closest('.thread')!.querySelector('.comment')!.id).to.equal(`comment-${oldest}`);
  });
});
