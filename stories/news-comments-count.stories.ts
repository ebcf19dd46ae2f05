import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/news-comments-count/news-comments-count.js';
import type { CommentStore } from '../src/stores/store.js';
import { seedArticle } from '../src/model/article/seed.js';
import { FailingStore, localStoreWith, networkDown } from './support/comments.js';
import { customProperties } from './support/args.js';

type Args = {
  'article-id'?: string;
  endpoint?: string;
  href?: string;
  makeStore?: () => CommentStore;
  [customProperty: `--${string}`]: string | undefined;
};

const meta = {
  title: 'news-comments-count',
  component: 'news-comments-count',
  render: (args) => html`
    <news-comments-count
      article-id=${ifDefined(args['article-id'])}
      endpoint=${ifDefined(args.endpoint)}
      href=${ifDefined(args.href)}
      .store=${args.makeStore?.()}
      style=${ifDefined(customProperties(args))}
    ></news-comments-count>
  `,
  args: { 'article-id': seedArticle.id, href: 'article.html' },
  argTypes: {
    'article-id': { control: 'text' },
    endpoint: { control: 'text' },
    href: { control: 'text' },
    makeStore: { table: { disable: true } },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** "12 comments", linking to the article's `#comments`. */
export const WithLink: Story = {
  args: { makeStore: () => localStoreWith(seedArticle.id, 12) },
};

/** Without `href` the count is plain text. */
export const PlainText: Story = {
  args: { href: undefined, makeStore: () => localStoreWith(seedArticle.id, 12) },
};

/** One comment: "1 comment". */
export const OneComment: Story = {
  args: { makeStore: () => localStoreWith(seedArticle.id, 1) },
};

/** No comments: just "Comments". */
export const NoComments: Story = {
  args: { makeStore: () => localStoreWith(seedArticle.id, 0) },
};

/** The count cannot be read: still "Comments", so the teaser stays whole. */
export const CountFails: Story = {
  args: { makeStore: () => new FailingStore(localStoreWith(seedArticle.id, 0), ['count'], networkDown) },
};

/** In a teaser for the seed article, beside its headline. */
export const InTeaser: Story = {
  render: (args) => html`
    <article lang=${seedArticle.lang}>
      <h2><a href="article.html">${seedArticle.headline}</a></h2>
      <news-comments-count article-id=${seedArticle.id} href="article.html" .store=${args.makeStore?.()}></news-comments-count>
    </article>
  `,
  args: { makeStore: () => localStoreWith(seedArticle.id, 200) },
};

/** The dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { makeStore: () => localStoreWith(seedArticle.id, 12) },
};
