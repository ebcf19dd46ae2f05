/**
 * The built Storybook: every story is listed, and each one renders its real
 * content in headless Chromium with no accessibility violation (axe-core,
 * run against the story's elements, shadow roots included).
 *
 * Builds Storybook first (`npm run build-storybook`, into a directory of
 * its own, so that a build or test running beside it in the same checkout
 * cannot pull files out from under it), then serves that build from a local
 * server: no network is needed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import seed from '../../seeds/article.json' with { type: 'json' };
import { startStaticServer, type StaticServer } from '../support/static-server.js';
import { launchBrowser, ROOT } from './support/build.js';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** What a story must show once rendered: checked in the page, across shadow roots. */
type Check = (seedArticle: typeof seed) => true | string;

/**
 * Every story expected, by id, with what it must show. The functions run in
 * the story's page, so they can only use their argument and the DOM.
 */
const STORIES: Record<string, Check> = {
  // <news-article>
  'news-article--seed-article': (a) => {
    const root = document.querySelector('news-article')?.shadowRoot;
    const h = root?.querySelector('h2[part="headline"]');
    if (h?.textContent !== a.headline) return `headline h2 is "${h?.textContent}"`;
    const count = root!.querySelectorAll('[part="paragraph"]').length;
    return count === a.body.length || `${count} paragraphs`;
  },
  'news-article--heading-level': (a) =>
    document.querySelector('news-article')?.shadowRoot?.querySelector('h1')?.textContent === a.headline ||
    'no h1 headline',
  'news-article--themed': (a) => {
    const root = document.querySelector('news-article')?.shadowRoot;
    if (root?.querySelector('[part="headline"]')?.textContent !== a.headline) return 'no headline';
    const background = getComputedStyle(root.querySelector('[part="article"]')!).backgroundColor;
    return background === 'rgb(246, 241, 231)' || `background ${background}`;
  },
  'news-article--dark': (a) => {
    const element = document.querySelector('news-article')!;
    const root = element?.shadowRoot;
    if (root?.querySelector('[part="headline"]')?.textContent !== a.headline) return 'no headline';
    const background = getComputedStyle(root.querySelector('[part="article"]')!).backgroundColor;
    return (
      (getComputedStyle(element).colorScheme === 'dark' && background === 'rgb(22, 24, 28)') ||
      `background ${background}`
    );
  },
  'news-article--inline-json': (a) =>
    document.querySelector('news-article')?.shadowRoot?.querySelector('[part="headline"]')?.textContent ===
      a.headline || 'no headline',
  'news-article--with-pullquote': (a) => {
    const article = document.querySelector('news-article')?.shadowRoot;
    if (article?.querySelector('[part="headline"]')?.textContent !== a.headline) return 'no headline';
    const quote = document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote');
    return quote?.textContent === a.pullquote.text || `quote "${quote?.textContent}"`;
  },
  'news-article--loading': () =>
    document.querySelector('news-article')?.shadowRoot?.querySelector('[part="loading"]')?.textContent ===
      'Loading the article…' || 'no loading placeholder',
  'news-article--fallback-while-loading': () => {
    const element = document.querySelector('news-article');
    if (!element?.shadowRoot?.querySelector('[part="loading"]')) return 'no loading placeholder';
    return element.querySelector('p')?.checkVisibility() === true || 'fallback not visible';
  },
  'news-article--not-found': () => {
    const text = document.querySelector('news-article')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('answered 404') || `error "${text}"`;
  },
  'news-article--not-json': () => {
    const text = document.querySelector('news-article')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('is not valid JSON') || `error "${text}"`;
  },
  'news-article--invalid-article': () => {
    const text = document.querySelector('news-article')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('body[1] must be a string') || `error "${text}"`;
  },
  'news-article--rich-article': () => {
    const root = document.querySelector('news-article')?.shadowRoot;
    if (!root?.querySelector('[part="subheading"]')) return 'no subheading';
    const seen = ['section', 'standfirst', 'byline', 'dateline', 'list', 'quote', 'caption', 'credit', 'link'].filter(
      (part) => !root.querySelector(`[part="${part}"]`),
    );
    if (seen.length > 0) return `missing parts: ${seen.join(', ')}`;
    const images = [...root.querySelectorAll('img')];
    if (images.length !== 3 || images.some((img) => img.getBoundingClientRect().height === 0))
      return `${images.length} images, or one has no room`;
    return (
      document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote') !== null || 'no pull quote'
    );
  },
  'news-article--rich-article-dark': () => {
    const element = document.querySelector('news-article')!;
    const root = element?.shadowRoot;
    if (!root?.querySelector('[part="quote"]')) return 'no quote';
    const background = getComputedStyle(root.querySelector('[part="article"]')!).backgroundColor;
    return (
      (getComputedStyle(element).colorScheme === 'dark' && background === 'rgb(22, 24, 28)') ||
      `background ${background}`
    );
  },
  'news-article--rich-article-right-to-left': () => {
    const root = document.querySelector('news-article')?.shadowRoot;
    const list = root?.querySelector('[part="list"]');
    if (!list) return 'no list';
    return getComputedStyle(list).direction === 'rtl' || `direction ${getComputedStyle(list).direction}`;
  },
  'news-article--missing-alt': () => {
    const text = document.querySelector('news-article')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return (
      text.includes('body[6].alt must describe the image (an empty alt needs "decorative": true)') || `error "${text}"`
    );
  },
  'news-article--network-failure': () => {
    const text = document.querySelector('news-article')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('the network request failed') || `error "${text}"`;
  },
  'news-article--fallback-kept': () => {
    const element = document.querySelector('news-article');
    if (!element?.shadowRoot?.querySelector('[part="error"]')) return 'no error';
    return element.querySelector('p')?.checkVisibility() === true || 'fallback not visible';
  },

  // <news-pullquote>
  'news-pullquote--attributes': (a) => {
    const root = document.querySelector('news-pullquote')?.shadowRoot;
    const quote = root?.querySelector('blockquote')?.textContent;
    const by = root?.querySelector('figcaption')?.textContent;
    return (quote === a.pullquote.text && by === a.pullquote.attribution) || `"${quote}" by "${by}"`;
  },
  'news-pullquote--text-content': (a) => {
    const element = document.querySelector('news-pullquote');
    const slot = element?.shadowRoot?.querySelector('blockquote slot') as HTMLSlotElement | null;
    const text = slot
      ?.assignedNodes()
      .map((node) => node.textContent)
      .join('')
      .trim();
    return text === a.pullquote.text || `slotted "${text}"`;
  },
  'news-pullquote--without-attribution': (a) => {
    const root = document.querySelector('news-pullquote')?.shadowRoot;
    if (root?.querySelector('blockquote')?.textContent !== a.pullquote.text) return 'no quote';
    return root.querySelector('figcaption') === null || 'an attribution is shown';
  },
  'news-pullquote--no-attributes': (a) =>
    document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote')?.textContent ===
      a.pullquote.text || 'no seed quote',
  'news-pullquote--inside-article': (a) => {
    const figure = document.querySelector('news-pullquote')?.shadowRoot?.querySelector('figure');
    if (figure?.querySelector('blockquote')?.textContent !== a.pullquote.text) return 'no quote';
    return (
      figure.getAttribute('aria-hidden') === 'true' || 'the repeated quote is not hidden from assistive technology'
    );
  },
  'news-pullquote--themed': (a) =>
    document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote')?.textContent ===
      a.pullquote.text || 'no quote',
  'news-pullquote--dark': (a) =>
    (document.querySelector('news-pullquote')?.shadowRoot?.querySelector('blockquote')?.textContent ===
      a.pullquote.text &&
      getComputedStyle(document.querySelector('news-pullquote')!).colorScheme === 'dark') ||
    'no dark quote',

  // <news-comments>
  'news-comments--empty': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    if (!root?.querySelector('[part="empty"]')) return 'no invitation';
    return root.querySelector('[part="note"]')?.textContent?.includes('only in this browser') || 'no local-store note';
  },
  'news-comments--many-comments': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const heading = root?.querySelector('[part="heading"]')?.textContent;
    if (heading !== '200 comments') return `heading "${heading}"`;
    const threads = root!.querySelectorAll('[part~="thread"]').length;
    if (threads !== 20) return `${threads} threads shown`;
    if (root!.querySelectorAll('[part~="replies"] [part~="comment"]').length === 0) return 'no replies shown';
    return root!.querySelector('[part~="load-more"]') !== null || 'no "load more" button';
  },
  'news-comments--long-thread': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const replies = root?.querySelectorAll('[part~="replies"] [part~="comment"]').length;
    if (replies !== 3) return `${replies} replies shown`;
    const more = root!.querySelector('[part~="more-replies"]')?.textContent?.replace(/\s+/g, ' ').trim();
    return more === 'Show 57 more replies to Placeholder reader 1' || `button "${more}"`;
  },
  'news-comments--inside-article': (a) => {
    if (
      document.querySelector('news-article')?.shadowRoot?.querySelector('[part="headline"]')?.textContent !== a.headline
    ) {
      return 'no headline';
    }
    const heading = document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="heading"]')?.textContent;
    return heading === '12 comments' || `heading "${heading}"`;
  },
  'news-comments--loading': () =>
    document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="skeleton"]') !== null || 'no skeleton',
  'news-comments--load-fails': () => {
    const text =
      document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('Comments could not be loaded. Could not reach the comments server.') || `error "${text}"`;
  },
  'news-comments--load-fails-from-store': () => {
    const text =
      document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
    return text.includes('Comments could not be loaded. Could not reach the comments server.') || `error "${text}"`;
  },
  'news-comments--posting-fails': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const text = root?.querySelector('form [role="alert"]')?.textContent ?? '';
    if (!text.includes('The comments server had a problem. Your comment is saved here')) return `alert "${text}"`;
    const kept = root!.querySelector('textarea')?.value;
    return kept === 'Placeholder comment that the server will not take.' || `draft "${kept}"`;
  },
  'news-comments--dark': () => {
    const element = document.querySelector('news-comments')!;
    const heading = element?.shadowRoot?.querySelector('[part="heading"]')?.textContent;
    return (heading === '8 comments' && getComputedStyle(element).colorScheme === 'dark') || `heading "${heading}"`;
  },
  'news-comments--live': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const button = root?.querySelector('.new-comments')?.textContent?.replace(/\s+/g, ' ').trim();
    if (button !== '2 new comments · Show') return `button "${button}"`;
    const texts = [...root!.querySelectorAll('.comment .text')].map((text) => text.textContent);
    if (!texts.includes('Placeholder reply 2, posted just now.')) return 'the live reply is not in its thread';
    return root!.querySelector('.comment .edited')?.textContent === 'edited' || 'no comment marked edited';
  },
  'news-comments--signed-in': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const as = root?.querySelector('[part="commenting-as"]')?.textContent;
    if (as !== 'Commenting as Placeholder account') return `"${as}"`;
    return root!.querySelector('#author') === null || 'a name field beside it';
  },
  'news-comments--sign-in-required': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    if (!root?.querySelector('button[part~="sign-in"]')) return 'no sign-in button';
    const kept = root.querySelector('textarea')?.value;
    return kept === 'Placeholder comment written before signing in.' || `draft "${kept}"`;
  },
  'news-comments--editing': () => {
    const editor = document.querySelector('news-comments')?.shadowRoot?.querySelector('[part="editor"] textarea');
    return (
      (editor as HTMLTextAreaElement | null)?.value === 'Placeholder comment this reader wrote a minute ago.' ||
      'no editor with the text'
    );
  },
  'news-comments--edited': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const texts = [...(root?.querySelectorAll('[part="text"]') ?? [])].map((node) => node.textContent);
    if (!texts.includes('Placeholder comment, edited by this reader.')) return `texts ${texts.join(' | ')}`;
    return root!.querySelector('[part="editor"]') === null || 'the editor is still open';
  },
  'news-comments--deleted': () => {
    const root = document.querySelector('news-comments')?.shadowRoot;
    const mark = root?.querySelector('#comment-reader-comment');
    if (!mark) return 'no mark of the deleted comment';
    if (mark.querySelector('[part="text"]')?.textContent !== 'This comment was deleted') return 'the mark has words';
    if (mark.querySelector('[part="author"]')) return 'the mark has an author';
    const reply = root!.querySelector('[part~="replies"] [part="text"]')?.textContent;
    return reply === 'Placeholder reply by another reader.' || `reply "${reply}"`;
  },

  // <news-comments-count>
  'news-comments-count--with-link': () => {
    const link = document.querySelector('news-comments-count')?.shadowRoot?.querySelector('a[part="link"]');
    return (
      (link?.textContent === '12 comments' && link.getAttribute('href') === 'article.html#comments') ||
      `link "${link?.textContent}"`
    );
  },
  'news-comments-count--plain-text': () =>
    document.querySelector('news-comments-count')?.shadowRoot?.querySelector('span[part="link"]')?.textContent ===
      '12 comments' || 'no plain count',
  'news-comments-count--one-comment': () =>
    document.querySelector('news-comments-count')?.shadowRoot?.querySelector('[part="link"]')?.textContent ===
      '1 comment' || 'no "1 comment"',
  'news-comments-count--no-comments': () =>
    document.querySelector('news-comments-count')?.shadowRoot?.querySelector('[part="link"]')?.textContent ===
      'Comments' || 'no "Comments"',
  'news-comments-count--count-fails': () =>
    document.querySelector('news-comments-count')?.shadowRoot?.querySelector('[part="link"]')?.textContent ===
      'Comments' || 'no "Comments"',
  'news-comments-count--in-teaser': (a) => {
    if (document.querySelector('h2')?.textContent !== a.headline) return 'no headline';
    const count = document
      .querySelector('news-comments-count')
      ?.shadowRoot?.querySelector('[part="link"]')?.textContent;
    return count === '200 comments' || `count "${count}"`;
  },
  'news-comments-count--dark': () =>
    document.querySelector('news-comments-count')?.shadowRoot?.querySelector('[part="link"]')?.textContent ===
      '12 comments' || 'no count',

  // <news-moderation>
  'news-moderation--pending': () => {
    const root = document.querySelector('news-moderation')?.shadowRoot;
    const comments = root?.querySelectorAll('.list > .comment').length;
    if (comments !== 3) return `${comments} comments in the queue`;
    const marks = [...root!.querySelectorAll('mark')].map((mark) => mark.textContent);
    if (marks.join(' | ') !== 'ＢＵＹ ＮＯＷ | buy now') return `marks ${marks.join(' | ')}`;
    const reasons = [...root!.querySelectorAll('.reasons li')].map((reason) => reason.textContent);
    if (!reasons.includes('Banned word: “buy now”') || !reasons.includes('Too many links (3)')) {
      return `reasons ${reasons.join(' | ')}`;
    }
    const tabs = [...root!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent?.replace(/\s+/g, ' ').trim());
    return tabs.join(' | ') === 'Pending 3 | Reported 1 | Approved 1 | Rejected 0' || `tabs ${tabs.join(' | ')}`;
  },
  'news-moderation--empty-queue': () => {
    const root = document.querySelector('news-moderation')?.shadowRoot;
    const empty = root?.querySelector('.empty')?.textContent;
    return empty === 'No comments in this queue.' || `"${empty}"`;
  },
  'news-moderation--token-form': () => {
    const root = document.querySelector('news-moderation')?.shadowRoot;
    if (!root?.querySelector('input#token[type="password"]')) return 'no token field';
    return root.querySelector('[role="tablist"]') === null || 'queues shown without a sign-in';
  },
  'news-moderation--dark': () => {
    const root = document.querySelector('news-moderation')?.shadowRoot;
    if (root?.querySelectorAll('.list > .comment').length !== 3) return 'no queue';
    const scheme = root.querySelector('.root')?.getAttribute('data-scheme');
    const background = getComputedStyle(root.querySelector('.root')!).backgroundColor;
    return (scheme === 'dark' && background === 'rgb(22, 24, 28)') || `scheme ${scheme}, background ${background}`;
  },
};

interface IndexEntry {
  id: string;
  title: string;
  type: 'story' | 'docs';
}

let STATIC: string;
let index: Record<string, IndexEntry>;
let server: StaticServer;
let browser: Browser;
let base: string;

before(async () => {
  const started = Date.now();
  STATIC = await mkdtemp(join(tmpdir(), 'storybook-static-'));
  const build = spawnSync('npm', ['run', '--silent', 'build-storybook', '--', '--output-dir', STATIC], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
  });
  assert.equal(build.status, 0, `npm run build-storybook failed:\n${build.stdout}\n${build.stderr}`);
  console.log(`# storybook built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  index = JSON.parse(await readFile(join(STATIC, 'index.json'), 'utf8')).entries;
  // Served as any static host would, 404s included; hashed assets are cached as
  // such a host would, so each story after the first loads quickly.
  server = await startStaticServer({
    root: STATIC,
    headers: (path) => ({
      'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    }),
  });
  base = server.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (STATIC) await rm(STATIC, { recursive: true, force: true });
});

describe('Storybook', () => {
  test('lists every story, with a docs page for each element', () => {
    const stories = Object.values(index).filter((entry) => entry.type === 'story');
    const ids = new Set(stories.map((entry) => entry.id));
    const missing = Object.keys(STORIES).filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], 'stories missing from index.json');
    const unchecked = [...ids].filter((id) => !(id in STORIES));
    assert.deepEqual(unchecked, [], 'stories this test does not check yet: add them to STORIES');
    for (const title of ['news-article', 'news-pullquote', 'news-comments', 'news-comments-count', 'news-moderation']) {
      assert.ok(
        stories.some((entry) => entry.title === title),
        `no stories for <${title}>`,
      );
      assert.ok(
        Object.values(index).some((entry) => entry.type === 'docs' && entry.title === title),
        `no docs page for <${title}>`,
      );
    }
  });

  test('the manifest behind controls and docs names every element', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'custom-elements.json'), 'utf8'));
    const tags = manifest.modules.flatMap((module: { declarations?: { tagName?: string }[] }) =>
      (module.declarations ?? []).map((declaration) => declaration.tagName).filter(Boolean),
    );
    for (const tag of ['news-article', 'news-pullquote', 'news-comments', 'news-comments-count', 'news-moderation']) {
      assert.ok(tags.includes(tag), `custom-elements.json has no <${tag}>`);
    }
  });

  test("<news-article>'s docs page lists its attributes, properties, events, slots, parts and CSS properties", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/iframe.html?id=news-article--docs&viewMode=docs&globals=a11y.manual:!true`, {
        waitUntil: 'load',
      });
      // One name of each kind, as the table shows it; `(default)` is the unnamed slot.
      const expected = [
        'heading-level',
        'headingLevel',
        'article',
        'news-article-load',
        '(default)',
        'pullquote',
        'headline',
        '--news-font-size',
      ];
      const handle = await page.waitForFunction(
        (names: string[]) => {
          const table = document.querySelector('#storybook-docs table');
          if (!table) return false;
          const cells = new Set([...table.querySelectorAll('td:first-child')].map((cell) => cell.textContent?.trim()));
          return names.every((name) => cells.has(name)) ? 'ok' : false;
        },
        { timeout: 20_000, polling: 200 },
        expected,
      );
      assert.equal(await handle.jsonValue(), 'ok');
    } finally {
      await page.close();
    }
  });

  test('every story renders its content with no accessibility violation', async () => {
    const started = Date.now();
    const axe = await readFile(AXE, 'utf8');
    const failures: string[] = [];
    const queue = Object.entries(STORIES);
    // A few tabs at once keep the run short; each story gets its own page.
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [id, check] = next;
        const page = await browser.newPage();
        try {
          const problem = await checkStory(page, id, check, axe);
          if (problem) failures.push(`${id}: ${problem}`);
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        } finally {
          await page.close();
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(`# ${Object.keys(STORIES).length} stories checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual(failures, []);
  });
});

async function checkStory(page: Page, id: string, check: Check, axe: string): Promise<string | undefined> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // The addon's own run is switched off (`a11y.manual`): this test runs axe itself, once.
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story&globals=a11y.manual:!true`, { waitUntil: 'load' });
  // Waits for the content the story promises (errors from Storybook itself end the wait too).
  const outcome = await page
    .waitForFunction(
      (source: string, article: typeof seed) => {
        if (document.body.classList.contains('sb-show-errordisplay')) {
          return `Storybook shows an error: ${document.querySelector('#error-message')?.textContent}`;
        }
        // The check's source, rebuilt in the page: puppeteer passes data to the page, not functions.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const result = new Function(`return (${source})`)()(article);
        return result === true ? 'ok' : false;
      },
      { timeout: 15_000, polling: 100 },
      check.toString(),
      seed,
    )
    .then((handle) => handle.jsonValue() as Promise<string>)
    .catch(async () => {
      // Say what the story showed instead.
      const last = await page.evaluate(
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- as above
        (source: string, article: typeof seed) => new Function(`return (${source})`)()(article),
        check.toString(),
        seed,
      );
      return `did not render as expected: ${String(last)}`;
    });
  if (outcome !== 'ok') return outcome;
  if (errors.length) return `uncaught errors: ${errors.join('; ')}`;

  // Threads of <news-comments> use `content-visibility: auto`: off-screen ones are not rendered
  // until scrolled to, and axe's contrast check then reads colors that are not there. Render
  // everything for the check (it changes no color), and let a frame pass.
  await page.evaluate(async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { content-visibility: visible !important; }');
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      roots[i]!.adoptedStyleSheets = [...roots[i]!.adoptedStyleSheets, sheet];
      for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  await page.evaluate(axe);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: unknown }[] }[] };
    const { axe: runner } = window as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<Result> };
    };
    // The a11y addon runs axe on each story too, and axe runs one check at a time: wait for its turn.
    for (let attempt = 0; ; attempt++) {
      try {
        // The story's elements, shadow roots and all; Storybook's own page around them is not ours to check.
        const result = await runner.run({ include: ['#storybook-root'] }, { resultTypes: ['violations'] });
        return result.violations.map(
          (violation) =>
            `${violation.id} (${violation.help}) at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
        );
      } catch (error) {
        if (!String(error).includes('already running') || attempt > 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  return violations.length ? `axe: ${violations.join('; ')}` : undefined;
}
