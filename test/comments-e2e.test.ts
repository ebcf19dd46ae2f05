/**
 * `<news-comments>` end to end: the element in Chromium, the HTTP store, and
 * the reference server on a real SQLite file, across origins as on a
 * publisher's page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NewsComments } from '../src/news-comments/news-comments.js';
import '../src/news-comments/news-comments.js';
import { $, $$, loaded, texts, type } from '../src/news-comments/test-helpers.js';

interface Server {
  url: string;
  articleId: string;
}

/** A fresh article on a server instance (`main` unless a test restarts or stops its own). */
async function article(instance = 'main'): Promise<Server> {
  const { url } = await (await fetch(`/__comments-server?instance=${instance}`)).json();
  const { articleId } = await (
    await fetch(`/__comments-server/article?instance=${instance}`, { method: 'POST' })
  ).json();
  return { url, articleId };
}

async function seed(
  articleId: string,
  count: number,
  replies = 0,
  threadReplies = 0,
): Promise<{ ids: string[]; threadReplyIds: string[] }> {
  const response = await fetch('/__comments-server/seed', {
    method: 'POST',
    body: JSON.stringify({ articleId, count, replies, threadReplies }),
  });
  return response.json();
}

/** Mounts the element as a page would after a (re)load, and waits for the first page. */
async function mount({ url, articleId }: Server): Promise<NewsComments> {
  return loaded(
    await fixture<NewsComments>(html`<news-comments endpoint=${url} article-id=${articleId}></news-comments>`),
  );
}

async function post(el: NewsComments, author: string, text: string): Promise<void> {
  const posted = new Promise((resolve) => el.addEventListener('news-comment-posted', resolve, { once: true }));
  await type(el, 'author', author);
  await type(el, 'text', text);
  $(el, 'button[type="submit"]')!.click();
  await posted;
  await el.updateComplete;
}

const heading = (el: Element) => $(el, '[part="heading"]')!.textContent!.trim();

describe('<news-comments> with the reference server', () => {
  afterEach(() => localStorage.clear());

  it('posts a comment and a reply that a reload shows again, threaded', async () => {
    const server = await article();
    const el = await mount(server);
    expect(heading(el)).to.equal('Comments');

    await post(el, 'Ana', 'A first comment on this article.');
    $$(el, '.comment .reply')[0]!.click();
    await el.updateComplete;
    await post(el, 'Ben', 'A reply to Ana.');

    const reloaded = await mount(server);
    expect(heading(reloaded)).to.equal('2 comments');
    const thread = $(reloaded, '[part="thread"]')!;
    expect(thread.querySelector('[part="text"]')!.textContent).to.equal('A first comment on this article.');
    expect(thread.querySelector('[part="replies"] [part="text"]')!.textContent).to.equal('A reply to Ana.');
    expect(thread.querySelector('[part="replies"] [part="author"]')!.textContent).to.equal('Ben');
  });

  it('posts with Ctrl+Enter from the keyboard', async () => {
    const el = await mount(await article());
    $<HTMLInputElement>(el, '#author')!.focus();
    await sendKeys({ type: 'Keyboard user' });
    $<HTMLTextAreaElement>(el, '#text')!.focus();
    await sendKeys({ type: 'Typed, never clicked.' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    // The pending comment shows at once; focus moves to it only once the server has stored it.
    const focused = () => el.shadowRoot!.activeElement?.getAttribute('part');
    await waitUntil(() => focused() === 'comment', `focus stayed on ${focused()}`);
    expect(texts(el)).to.include('Typed, never clicked.');
    expect(el.shadowRoot!.activeElement!.textContent).to.include('Typed, never clicked.');
  });

  it('sorts by newest, oldest and most recommended, as the server orders them', async () => {
    const server = await article();
    await seed(server.articleId, 30);
    const el = await mount(server);
    const first = () => texts(el)[0];
    expect(first()).to.equal('Comment number 30');
    for (const [sort, expected] of [
      ['oldest', 'Comment number 1'],
      ['recommended', 'Comment number 28'],
      ['newest', 'Comment number 30'],
    ]) {
      const select = $<HTMLSelectElement>(el, '#sort')!;
      select.value = sort!;
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => first() === expected, `sorted by ${sort}, the first comment was ${first()}`);
    }
  });

  it('pages through 1,000 comments, each exactly once, in order', async () => {
    const server = await article();
    await seed(server.articleId, 1000);
    const el = await mount(server);
    expect(heading(el)).to.equal('1,000 comments');
    let more: HTMLButtonElement | null;
    while ((more = $<HTMLButtonElement>(el, '[part~="load-more"]'))) {
      const before = texts(el).length;
      more.click();
      await waitUntil(() => texts(el).length > before, 'load more added nothing');
    }
    const shown = texts(el);
    expect(shown).to.have.length(1000);
    expect(shown).to.deep.equal(Array.from({ length: 1000 }, (_, i) => `Comment number ${1000 - i}`));
  });

  it('opens the page that holds a permalinked comment, far down the list, and focuses it', async () => {
    const server = await article();
    const { ids } = await seed(server.articleId, 200);
    const target = ids[10]!; // the 11th oldest: the 190th newest, pages away from the first
    location.hash = `#comment-${target}`;
    try {
      const el = await mount(server);
      await waitUntil(
        () => el.shadowRoot!.activeElement?.id === `comment-${target}`,
        'the linked comment was not focused',
      );
      expect(el.shadowRoot!.activeElement!.querySelector('[part="text"]')!.textContent).to.equal('Comment number 11');
      expect($(el, '[part~="load-more"]')).to.exist;
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('shows a thread of 500 replies three at a time, then all of them on demand, each once, in order', async () => {
    const server = await article();
    await seed(server.articleId, 1, 0, 500);
    const el = await mount(server);
    expect(heading(el)).to.equal('501 comments');
    const replies = () => texts(el, '.replies .text');
    expect(replies()).to.deep.equal([
      'Reply number 1 to Reader 1',
      'Reply number 2 to Reader 1',
      'Reply number 3 to Reader 1',
    ]);
    expect($(el, '.more-replies.next')!.textContent).to.contain('Show 497 more replies');
    let more: HTMLButtonElement | null;
    while ((more = $<HTMLButtonElement>(el, '.more-replies.next'))) {
      const before = replies().length;
      more.click();
      await waitUntil(() => replies().length > before, 'more replies added nothing');
    }
    expect(replies()).to.deep.equal(Array.from({ length: 500 }, (_, i) => `Reply number ${i + 1} to Reader 1`));
  });

  it('opens a link to the 400th reply of a thread at that reply, with the replies before it one click away', async () => {
    const server = await article();
    const { threadReplyIds } = await seed(server.articleId, 30, 0, 500);
    const target = threadReplyIds[399]!;
    location.hash = `#comment-${target}`;
    try {
      const el = await mount(server);
      await waitUntil(
        () => el.shadowRoot!.activeElement?.id === `comment-${target}`,
        'the linked reply was not focused',
      );
      expect(el.shadowRoot!.activeElement!.querySelector('[part="text"]')!.textContent).to.equal(
        'Reply number 400 to Reader 1',
      );
      const earlier = $<HTMLButtonElement>(el, '.more-replies.prev')!;
      expect(earlier.textContent).to.contain('Show earlier replies');
      earlier.click();
      await waitUntil(
        () => texts(el, '.replies .text')[0] === 'Reply number 380 to Reader 1',
        'the earlier replies did not show',
      );
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('keeps every comment across a server restart', async () => {
    const server = await article('restart');
    const el = await mount(server);
    await post(el, 'Cai', 'Written before the restart.');
    await fetch('/__comments-server/restart?instance=restart', { method: 'POST' });
    const after = await mount(server);
    expect(texts(after)).to.deep.equal(['Written before the restart.']);
  });

  it('keeps the draft and says why when the server cannot be reached, then posts on retry', async () => {
    const server = await article('outage');
    const el = await mount(server);
    await fetch('/__comments-server/stop?instance=outage', { method: 'POST' });
    await type(el, 'author', 'Dee');
    await type(el, 'text', 'Written during an outage.');
    $(el, 'button[type="submit"]')!.click();
    await waitUntil(() => $(el, '[role="alert"]'), 'no error was shown', { timeout: 20_000 });
    expect($(el, '[role="alert"]')!.textContent).to.match(
      /Could not reach the comments server\. Your comment is saved here/,
    );
    expect($<HTMLTextAreaElement>(el, '#text')!.value).to.equal('Written during an outage.');

    // A reload during the outage still has the draft.
    const reloaded = await fixture<NewsComments>(
      html`<news-comments endpoint=${server.url} article-id=${server.articleId}></news-comments>`,
    );
    await waitUntil(() => $<HTMLTextAreaElement>(reloaded, '#text'), 'no form');
    expect($<HTMLTextAreaElement>(reloaded, '#text')!.value).to.equal('Written during an outage.');

    await fetch('/__comments-server/restart?instance=outage', { method: 'POST' });
    $(el, '.retry')!.click();
    await waitUntil(() => texts(el).includes('Written during an outage.'), 'the retry did not post', {
      timeout: 20_000,
    });
    // The text shows at once, as the pending comment; the draft goes only once the server stored it.
    await waitUntil(() => $<HTMLTextAreaElement>(el, '#text')!.value === '', 'the posted draft stayed', {
      timeout: 20_000,
    });
  }).timeout(60_000);

  it('stores hostile text and shows it back inert, linking only http(s)', async () => {
    const server = await article();
    const el = await mount(server);
    const hostile = [
      '<script>window.__xss = 1</script>',
      '<img src=x onerror="window.__xss = 1">',
      'javascript:window.__xss=1',
      'see https://example.com/?q=<b>bold</b> now',
    ];
    for (const text of hostile) await post(el, '<b>Mallory</b>', text);
    const reloaded = await mount(server);
    expect(texts(reloaded)).to.have.members(hostile);
    expect($$(reloaded, '[part="author"]').map((node) => node.textContent)).to.deep.equal(
      hostile.map(() => '<b>Mallory</b>'),
    );
    expect(reloaded.shadowRoot!.querySelector('script, img, b')).to.equal(null);
    const links = $$(reloaded, '[part="text"] a') as HTMLAnchorElement[];
    expect(links.map((a) => [a.href, a.rel])).to.deep.equal([
      ['https://example.com/?q=%3Cb%3Ebold%3C/b%3E', 'nofollow ugc noopener'],
    ]);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    await expect(reloaded).to.be.accessible();
  });

  it('refuses oversized, non-JSON and non-UTF-8 bodies with clear codes, losing nothing stored', async () => {
    const server = await article();
    await seed(server.articleId, 3);
    const endpoint = `${server.url}/articles/${server.articleId}/comments`;
    const send = async (body: BodyInit, contentType: string) => {
      const response = await fetch(endpoint, { method: 'POST', body, headers: { 'Content-Type': contentType } });
      return [response.status, (await response.json()).error.code];
    };
    const huge = JSON.stringify({ author: 'Big', text: 'x'.repeat(1024 * 1024), idempotencyKey: 'huge' });
    expect(await send(huge, 'application/json')).to.deep.equal([413, 'payload_too_large']);
    expect(await send('author=a&text=b', 'application/x-www-form-urlencoded')).to.deep.equal([
      415,
      'unsupported_media_type',
    ]);
    expect(await send(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json')).to.deep.equal([
      400,
      'invalid_json',
    ]);
    expect(await send('{"author": "a", "text": ', 'application/json')).to.deep.equal([400, 'invalid_json']);

    const el = await mount(server);
    expect(heading(el)).to.equal('3 comments');
  });
});
