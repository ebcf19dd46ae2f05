import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import '../src/news-article/news-article.js';
import '../src/news-pullquote/news-pullquote.js';
import '../src/news-comments/news-comments.js';
import type { CommentStore } from '../src/stores/store.js';
import { seedArticle } from '../src/model/article/seed.js';
import {
  FailingStore,
  localStoreWith,
  networkDown,
  placeholderThread,
  placeholderToken,
  readerStore,
  serverUnavailable,
  signInRequired,
} from './support/comments.js';
import { LiveStoryStore } from './support/live.js';
import { CONNECTION_DROPS, NEVER_ANSWERS } from './support/network.js';
import { customProperties } from './support/args.js';

type Args = {
  'article-id'?: string;
  endpoint?: string;
  'heading-level'?: number;
  count?: number;
  live?: boolean;
  /** Builds the story's store; called on every render, so each visit starts the same. */
  makeStore?: () => CommentStore;
  /** The signed-in reader's token (a property, never an attribute). */
  token?: string;
  [customProperty: `--${string}`]: string | undefined;
};

const meta = {
  title: 'news-comments',
  component: 'news-comments',
  render: (args) => html`
    <news-comments
      article-id=${ifDefined(args['article-id'])}
      endpoint=${ifDefined(args.endpoint)}
      heading-level=${ifDefined(args['heading-level'])}
      count=${ifDefined(args.count)}
      ?live=${args.live}
      .store=${args.makeStore?.()}
      .token=${args.token}
      style=${ifDefined(customProperties(args))}
    ></news-comments>
  `,
  args: { 'article-id': seedArticle.id },
  argTypes: {
    'article-id': { control: 'text' },
    endpoint: { control: 'text' },
    'heading-level': { control: { type: 'inline-radio' }, options: [1, 2, 3, 4, 5, 6] },
    count: { control: 'number' },
    live: { control: 'boolean' },
    makeStore: { table: { disable: true } },
    token: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The comments section. These stories keep comments in memory (a local store, or a story-only store that fails on purpose); authors and texts are placeholders.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/**
 * Types into a field the way a browser reports typing (an `input` event).
 * Drafts survive reloads, as they should, so each field is set whole rather than appended to.
 */
function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
}

/** The story's element, once rendered with its comments. */
async function loadedElement(canvasElement: HTMLElement) {
  const element = canvasElement.querySelector('news-comments')!;
  await element.updateComplete;
  await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="comment"], [part="empty"]')).not.toBeNull());
  return element.shadowRoot!;
}

/** No comments yet, in a local store: the invitation, and the note that comments stay in this browser. */
export const Empty: Story = {
  args: { makeStore: () => localStoreWith(seedArticle.id, 0) },
};

/** 200 comments in 60 threads, paged 20 threads at a time, with sorting and "Load more comments". */
export const ManyComments: Story = {
  args: { makeStore: () => localStoreWith(seedArticle.id, 200) },
};

/** One comment with 60 replies: the first three show, and "Show 57 more replies" loads the rest, 20 at a time. */
export const LongThread: Story = {
  args: {
    makeStore: () => {
      const store = localStoreWith(seedArticle.id, 0);
      store.seed(seedArticle.id, placeholderThread(60));
      return store;
    },
  },
};

/** Inside `<news-article>` (placed after the body), reading the article from context: no `article-id` needed. */
export const InsideArticle: Story = {
  render: () => html`
    <news-article>
      <news-pullquote></news-pullquote>
      <news-comments .store=${localStoreWith(seedArticle.id, 12)}></news-comments>
    </news-article>
  `,
};

/** While the first page loads from a server that does not answer: a placeholder sized by `count`. */
export const Loading: Story = {
  args: { endpoint: `${NEVER_ANSWERS}comments/`, count: 5 },
};

/**
 * The comments cannot be loaded: the server is unreachable. The element
 * retries a few times (about four seconds), then says so and offers to retry.
 */
export const LoadFails: Story = {
  args: { endpoint: `${CONNECTION_DROPS}comments/` },
};

/** The same failure from a store given as a property, which rejects at once. */
export const LoadFailsFromStore: Story = {
  args: { makeStore: () => new FailingStore(localStoreWith(seedArticle.id, 0), ['list', 'count'], networkDown) },
};

/**
 * Posting fails with a 503: the message says the comment is kept, and Retry
 * is offered. The story types a comment and posts it.
 */
export const PostingFails: Story = {
  args: {
    'article-id': 'story-posting-fails',
    makeStore: () => new FailingStore(localStoreWith('story-posting-fails', 3), ['post'], serverUnavailable),
  },
  play: async ({ canvasElement }) => {
    const root = await loadedElement(canvasElement);
    typeInto(root.querySelector<HTMLInputElement>('#author')!, 'Placeholder reader');
    typeInto(root.querySelector<HTMLTextAreaElement>('#text')!, 'Placeholder comment that the server will not take.');
    root.querySelector<HTMLButtonElement>('button.submit')!.click();
    await waitFor(() =>
      expect(root.querySelector('form [role="alert"]')?.textContent).toContain('Your comment is saved here'),
    );
  },
};

/** The dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { makeStore: () => localStoreWith(seedArticle.id, 8) },
};

/**
 * Followed live (`live`): comments by other readers arrive while the story
 * shows (from a story-only stream, no server). The two new ones wait behind
 * "2 new comments · Show" so that nothing moves; a reply shows in place in
 * its thread, and an edited comment changes and says "edited".
 */
export const Live: Story = {
  args: { live: true, makeStore: () => new LiveStoryStore(localStoreWith(seedArticle.id, 12)) },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('news-comments')!.shadowRoot!;
    await waitFor(() => expect(root.querySelector('.new-comments')?.textContent).toContain('2 new comments'));
  },
};

/** Signed in with the publisher's account: "Commenting as" the token's name, in place of the name field. */
export const SignedIn: Story = {
  args: { token: placeholderToken(), makeStore: () => localStoreWith(seedArticle.id, 3) },
};

/**
 * The server takes comments from signed-in readers only: its answer to the
 * post says so, and the form asks to sign in, keeping the draft. The button
 * fires `news-sign-in-requested` for the page to open its login.
 */
export const SignInRequired: Story = {
  args: {
    'article-id': 'story-sign-in-required',
    makeStore: () => new FailingStore(localStoreWith('story-sign-in-required', 3), ['post'], signInRequired),
  },
  play: async ({ canvasElement }) => {
    const root = await loadedElement(canvasElement);
    typeInto(root.querySelector<HTMLInputElement>('#author')!, 'Placeholder reader');
    typeInto(root.querySelector<HTMLTextAreaElement>('#text')!, 'Placeholder comment written before signing in.');
    root.querySelector<HTMLButtonElement>('button.submit')!.click();
    await waitFor(() => expect(root.querySelector('button.sign-in')).not.toBeNull());
  },
};

/** The reader edits their own comment inline: Save or Cancel (Escape); the buttons show while its window is open. */
export const Editing: Story = {
  args: { 'article-id': 'story-editing', makeStore: () => readerStore('story-editing') },
  play: async ({ canvasElement }) => {
    const root = await loadedElement(canvasElement);
    root.querySelector<HTMLButtonElement>('button.edit')!.click();
    await waitFor(() => expect(root.querySelector('.editor textarea')).not.toBeNull());
  },
};

/** The reader's comment after they edited it. */
export const Edited: Story = {
  args: { 'article-id': 'story-edited', makeStore: () => readerStore('story-edited') },
  play: async ({ canvasElement }) => {
    const root = await loadedElement(canvasElement);
    root.querySelector<HTMLButtonElement>('button.edit')!.click();
    await waitFor(() => expect(root.querySelector('.editor textarea')).not.toBeNull());
    typeInto(
      root.querySelector<HTMLTextAreaElement>('.editor textarea')!,
      'Placeholder comment, edited by this reader.',
    );
    root.querySelector<HTMLButtonElement>('.editor button.save')!.click();
    await waitFor(() => expect(root.querySelector('.editor')).toBeNull());
  },
};

/** A comment its author deleted while it had a reply: its mark stays, without author or text, for the reply. */
export const Deleted: Story = {
  args: { 'article-id': 'story-deleted', makeStore: () => readerStore('story-deleted', { deleted: true }) },
};
