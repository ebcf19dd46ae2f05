/**
 * A comment the server holds for review, as its author sees it: the real
 * reference server of a newsroom that premoderates everything.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CommentPage } from '../model/comments/contract.js';
import './news-comments.js';
import type { NewsComments } from './news-comments.js';
import { $, $$, announcements, loaded, type } from './test-helpers.js';

// An instance whose name starts with `moderation` holds every comment (test/support/comments-server.ts).
const INSTANCE = 'moderation-held';

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
});
