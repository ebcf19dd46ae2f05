/**
 * Banning an author from `<news-moderation>`, in real Chromium against the
 * real comments server (a newsroom's: `test/support/comments-server.ts`),
 * each test on its own instance, since a ban of a reader who was not signed
 * in bans this browser's address there.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './news-moderation.js';
import type { NewsModeration } from './news-moderation.js';

const harness = async (instance: string, action = '', body?: unknown) =>
  (await (
    await fetch(`/__comments-server${action}?instance=${instance}`, {
      method: action ? 'POST' : 'GET',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  ).json()) as Record<string, string>;

let keys = 0;
/** Posts a comment, signed in with `token` or not, and answers the server's status and error code. */
async function post(endpoint: string, articleId: string, author: string, token?: string) {
  const response = await fetch(`${endpoint}/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ author, text: `Words of ${author}`, idempotencyKey: `ban-test-${Date.now()}-${++keys}` }),
  });
  const body = (await response.json()) as { id?: string; error?: { code: string } };
  return { status: response.status, id: body.id, code: body.error?.code };
}

const root = (el: NewsModeration) => el.shadowRoot!;
const items = (el: NewsModeration) => [...root(el).querySelectorAll<HTMLElement>('.list > .comment')];
const dialog = (el: NewsModeration) => root(el).querySelector<HTMLDialogElement>('dialog.ban')!;
const status = (el: NewsModeration) => root(el).querySelector('[role="status"]')!.textContent;
const focused = (el: NewsModeration) => root(el).activeElement;
const choices = (el: NewsModeration) =>
  [...dialog(el).querySelectorAll('.choice')].map((choice) => choice.textContent!.trim());

/** A moderation instance of its own, an article on it, and the comments `authors` post there. */
async function setUp(instance: string, authors: readonly { name: string; signedIn?: boolean }[]) {
  const endpoint = (await harness(instance)).url!;
  const moderator = (await harness(instance, '/moderator-token')).token!;
  const { articleId } = await harness(instance, '/article');
  const tokens = new Map<string, string>();
  for (const { name, signedIn } of authors) {
    if (signedIn) tokens.set(name, (await harness(instance, '/moderator-token', { sub: name, role: '' })).token!);
    expect((await post(endpoint, articleId!, name, tokens.get(name))).status).to.equal(201);
  }
  const el = await fixture<NewsModeration>(
    html`<news-moderation endpoint=${endpoint} article=${articleId!} .token=${moderator}></news-moderation>`,
  );
  await waitUntil(() => items(el).length === authors.length, 'the queue loads');
  items(el)[0]!.focus();
  return { el, endpoint, articleId: articleId!, tokens };
}

describe('<news-moderation> bans', () => {
  it('b asks first, naming the author; Enter bans their account, and their next post is refused', async () => {
    const { el, endpoint, articleId, tokens } = await setUp('moderation-ban-account', [
      { name: 'Ana', signedIn: true },
      { name: 'Ben', signedIn: true },
    ]);
    await sendKeys({ press: 'b' });
    await waitUntil(() => dialog(el).open, 'the confirmation opens');
    expect(dialog(el).querySelector('h2')!.textContent).to.equal('Ban Ana?');
    expect(dialog(el).textContent).to.contain('Ana’s new comments will be refused while the ban lasts');
    expect(choices(el)).to.deep.equal(['A day', 'A week', '30 days', 'For good']);
    expect(dialog(el).querySelector<HTMLInputElement>('input:checked')!.value).to.equal('7');
    await expect(el).to.be.accessible();

    dialog(el).querySelector<HTMLInputElement>('#ban-reason')!.focus();
    await sendKeys({ type: 'Spam, again' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog(el).open, 'the ban is done');
    await waitUntil(() => status(el) === 'Banned Ana for 7 days');
    expect(focused(el)).to.equal(items(el)[0]);
    expect(items(el)[0]!.querySelector('.status')!.textContent).to.match(/^pending review, author banned until /);
    expect(items(el)[1]!.querySelector('.status')!.textContent).to.equal('pending review');

    expect(await post(endpoint, articleId, 'Ana', tokens.get('Ana'))).to.include({ status: 403, code: 'banned' });
    expect((await post(endpoint, articleId, 'Ben', tokens.get('Ben'))).status).to.equal(201);
  });

  it('Escape backs out, banning no one, focus back on the comment', async () => {
    const { el, endpoint, articleId } = await setUp('moderation-ban-escape', [{ name: 'Ana' }]);
    await sendKeys({ press: 'b' });
    await waitUntil(() => dialog(el).open);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'the confirmation closes');
    expect(focused(el)).to.equal(items(el)[0]);
    expect(items(el)[0]!.querySelector('.status')!.textContent).to.equal('pending review');
    expect((await post(endpoint, articleId, 'Ana')).status).to.equal(201);

    // Cancel, too.
    items(el)[0]!.querySelector<HTMLButtonElement>('[part~="ban"]')!.click();
    await waitUntil(() => dialog(el).open);
    [...dialog(el).querySelectorAll('button')].find((button) => button.textContent === 'Cancel')!.click();
    await waitUntil(() => !dialog(el).open);
    expect((await post(endpoint, articleId, 'Ana')).status).to.equal(201);
  });

  it('bans an author who was not signed in by address, for a while only, from the Ban button', async () => {
    const { el, endpoint, articleId } = await setUp('moderation-ban-client', [{ name: 'Cleo' }]);
    items(el)[0]!.querySelector<HTMLButtonElement>('[part~="ban"]')!.click();
    await waitUntil(() => dialog(el).open);
    expect(dialog(el).textContent).to.contain('They were not signed in, so the ban is on their address');
    expect(choices(el)).to.deep.equal(['A day', 'A week', '30 days', '365 days, the longest']);
    dialog(el).querySelector<HTMLInputElement>('input[value="1"]')!.click();
    dialog(el).querySelector<HTMLButtonElement>('[part~="ban-confirm"]')!.click();
    await waitUntil(() => status(el) === 'Banned Cleo for 1 day');
    expect(dialog(el).open).to.equal(false);
    expect(await post(endpoint, articleId, 'Anyone here')).to.include({ status: 403, code: 'banned' });
  });

  it('says why a ban failed inside the confirmation, which stays open', async () => {
    const instance = 'moderation-ban-down';
    const { el } = await setUp(instance, [{ name: 'Ana' }]);
    await sendKeys({ press: 'b' });
    await waitUntil(() => dialog(el).open);
    await harness(instance, '/stop');
    await sendKeys({ press: 'Enter' });
    const alert = () => dialog(el).querySelector('[role="alert"]')!.textContent;
    await waitUntil(() => alert() !== '', 'the failure is told');
    expect(alert()).to.equal('Could not reach the comments server: check your connection and try again.');
    expect(dialog(el).open).to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open);
    expect(focused(el)).to.equal(items(el)[0]);
  });

  it('says the server’s refusal of a reason too long for the log, and bans once it is shorter', async () => {
    const { el } = await setUp('moderation-ban-refused', [{ name: 'Ana', signedIn: true }]);
    await sendKeys({ press: 'b' });
    await waitUntil(() => dialog(el).open);
    const reason = dialog(el).querySelector<HTMLInputElement>('#ban-reason')!;
    reason.value = 'x'.repeat(501);
    reason.focus();
    await sendKeys({ press: 'Enter' });
    const alert = () => dialog(el).querySelector('[role="alert"]')!.textContent;
    await waitUntil(() => alert() !== '', 'the refusal is told');
    expect(alert()).to.equal('The server refused this ban: must be text of at most 500 characters.');
    expect(dialog(el).open).to.equal(true);
    reason.value = 'Spam';
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status(el) === 'Banned Ana for 7 days');
    expect(alert()).to.equal('');
  });

  it('the Banned dialog lists the accounts banned now and lifts a ban: the mark goes, and the author may post again', async () => {
    const instance = 'moderation-bans-list';
    const { el, endpoint, articleId, tokens } = await setUp(instance, [{ name: 'Ana', signedIn: true }]);
    await sendKeys({ press: 'b' });
    await waitUntil(() => dialog(el).open);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog(el).open && status(el) === 'Banned Ana for 7 days');
    // An account banned by a script, never seen here: listed by its id, for good.
    const moderator = (await harness(instance, '/moderator-token')).token!;
    const byScript = await fetch(`${endpoint}/moderation/users/never-seen/ban`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${moderator}` },
      body: '{}',
    });
    expect(byScript.status).to.equal(200);

    const bans = root(el).querySelector<HTMLDialogElement>('dialog.bans')!;
    root(el).querySelector<HTMLButtonElement>('.bans-button')!.click();
    await waitUntil(() => bans.open && bans.querySelectorAll('.ban-list li').length === 2, 'the bans are listed');
    const rows = [...bans.querySelectorAll('.ban-list li')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).to.equal('never-seen for good Lift ban of never-seen');
    expect(rows[1]).to.match(/^Ana \(Ana\) until .+ Lift ban of Ana$/);
    await expect(el).to.be.accessible();

    [...bans.querySelectorAll<HTMLButtonElement>('.lift')][1]!.click();
    await waitUntil(() => bans.querySelectorAll('.ban-list li').length === 1, 'the ban is lifted');
    expect(bans.querySelector('[role="status"]')!.textContent).to.equal('Lifted the ban of Ana');
    expect(items(el)[0]!.querySelector('.status')!.textContent, 'the mark went with it').to.equal('pending review');
    expect((await post(endpoint, articleId, 'Ana', tokens.get('Ana'))).status).to.equal(201);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !bans.open, 'the dialog closes');
    expect(focused(el)).to.equal(items(el)[0]);
  });
});
