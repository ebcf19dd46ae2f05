/**
 * A moderator clears a queue of 50 held comments with keys alone, in real
 * Chromium against the real comments server (a newsroom's, holding every
 * comment: `test/support/comments-server.ts`), and readers then see exactly
 * what was approved.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../news-comments/news-comments.js';
import type { NewsComments } from '../news-comments/news-comments.js';
import './news-moderation.js';
import type { NewsModeration } from './news-moderation.js';

const INSTANCE = 'moderation-clear';
const harness = async (action = '', body?: unknown) =>
  (await (
    await fetch(`/__comments-server${action}?instance=${INSTANCE}`, {
      method: action ? 'POST' : 'GET',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  ).json()) as Record<string, string>;

const HELD = 50;
const root = (el: Element) => el.shadowRoot!;
const focusedAuthor = (el: NewsModeration) =>
  (root(el).activeElement as HTMLElement | null)?.closest('.comment')?.querySelector('.author')?.textContent;
const status = (el: NewsModeration) => root(el).querySelector('[role="status"]')!.textContent;
/** Whether the list shows a comment ready for Tab. */
const focusableComment = (el: NewsModeration) => root(el).querySelector('.list > .comment[tabindex="0"]') !== null;
const count = (el: NewsModeration, queue: string) => root(el).querySelector(`#tab-${queue} .count`)!.textContent;

describe('<news-moderation> from the keyboard alone', () => {
  it('clears a queue of 50, approving and rejecting in turn, and readers see exactly the approved', async function () {
    this.timeout(20_000);
    const endpoint = (await harness()).url!;
    const moderator = (await harness('/moderator-token')).token!;
    const { articleId } = await harness('/article');
    const names = Array.from({ length: HELD }, (_, index) => `Reader ${index + 1}`);
    for (const [index, name] of names.entries()) {
      const response = await fetch(`${endpoint}/articles/${articleId}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          author: name,
          text: `Comment ${index + 1}`,
          idempotencyKey: `clear-${Date.now()}-${index}`,
        }),
      });
      expect(response.status).to.equal(201);
    }

    const el = await fixture<NewsModeration>(
      html`<news-moderation endpoint=${endpoint} article=${articleId!} .token=${moderator}></news-moderation>`,
    );
    await waitUntil(() => count(el, 'pending') === String(HELD) && focusableComment(el), 'the queue loads');
    // Into the page with Tab: the Banned and Keys buttons, the open queue's tab, its first comment.
    for (let press = 0; press < 4; press++) await sendKeys({ press: 'Tab' });
    expect(focusedAuthor(el)).to.equal('Reader 1');

    for (const [index, name] of names.entries()) {
      const approve = index % 2 === 0;
      await sendKeys({ press: approve ? 'a' : 'r' });
      await waitUntil(
        () =>
          status(el) === `${approve ? 'Approved' : 'Rejected'} comment by ${name}` &&
          (index === HELD - 1 || focusedAuthor(el) === names[index + 1]),
        `${name} is decided, focus on the next`,
      );
    }
    await waitUntil(() => count(el, 'pending') === '0', 'the pending count says 0');
    expect(root(el).querySelector('.empty')!.textContent).to.equal('No comments in this queue.');
    await waitUntil(() => count(el, 'approved') === '25' && count(el, 'rejected') === '25');

    const reader = await fixture<NewsComments>(
      html`<news-comments endpoint=${endpoint} article-id=${articleId!}></news-comments>`,
    );
    const shown = () => [...root(reader).querySelectorAll('.comment .text')].map((text) => text.textContent);
    let more: HTMLButtonElement | null;
    await waitUntil(() => shown().length > 0, 'the reader’s widget loads');
    while ((more = root(reader).querySelector<HTMLButtonElement>('[part~="load-more"]'))) {
      const before = shown().length;
      more.click();
      await waitUntil(() => shown().length > before, 'more comments load');
    }
    const approved = names.map((_, index) => `Comment ${index + 1}`).filter((_, index) => index % 2 === 0);
    expect([...shown()].sort()).to.deep.equal([...approved].sort());
  });
});
