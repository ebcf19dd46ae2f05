import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/news-article/news-article.js';
import '../src/news-pullquote/news-pullquote.js';
import { seedArticle } from '../src/model/article/seed.js';
import richArticle from '../test/fixtures/rich-article.json' with { type: 'json' };
import { CONNECTION_DROPS, NEVER_ANSWERS } from './support/network.js';
import { customProperties } from './support/args.js';

type Args = {
  src?: string;
  'heading-level'?: number;
  article?: unknown;
  fallback?: string;
  pullquote?: boolean;
  onNewsArticleLoad?: (event: Event) => void;
  onNewsArticleError?: (event: Event) => void;
  [customProperty: `--${string}`]: string | undefined;
};

const meta = {
  title: 'news-article',
  component: 'news-article',
  render: (args) => html`
    <news-article
      src=${ifDefined(args.src)}
      heading-level=${ifDefined(args['heading-level'])}
      .article=${args.article}
      style=${ifDefined(customProperties(args))}
      @news-article-load=${args.onNewsArticleLoad ?? nothing}
      @news-article-error=${args.onNewsArticleError ?? nothing}
    >
      ${args.pullquote ? html`<news-pullquote></news-pullquote>` : nothing}
      ${args.fallback ? html`<p>${args.fallback}</p>` : nothing}
    </news-article>
  `,
  args: { 'heading-level': 2 },
  argTypes: {
    'heading-level': { control: { type: 'inline-radio' }, options: [1, 2, 3, 4, 5, 6] },
    src: { control: 'text' },
    fallback: {
      control: 'text',
      description: 'Fallback content the host page puts inside the element (story only).',
      table: { category: 'story' },
    },
    pullquote: {
      control: 'boolean',
      description: 'Put a `<news-pullquote>` inside (story only).',
      table: { category: 'story' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Renders an article kept as JSON. With no attributes it shows the bundled seed article; the stories below use its words as they are.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No attributes: the bundled seed article. */
export const SeedArticle: Story = {};

/** The headline as an `<h1>`, for a page where the article is the main content; the control picks any level. */
export const HeadingLevel: Story = {
  args: { 'heading-level': 1 },
};

/** A newsprint look, made with custom properties only. */
const newsprint = {
  '--news-font-body': "'Iowan Old Style', 'Palatino Linotype', Palatino, Georgia, serif",
  '--news-font-headline': "Georgia, 'Times New Roman', serif",
  '--news-color-text': '#2b2118',
  '--news-color-background': '#f6f1e7',
  '--news-color-accent': '#8c2413',
  '--news-color-border': '#d8cbb4',
  '--news-measure': '34em',
  '--news-headline-size': '2.25em',
  '--news-paragraph-spacing': '0.8em',
  '--news-article-padding': '1.5em 2em',
};

/** Restyled through the public custom properties only; each one has a control. */
export const Themed: Story = {
  args: newsprint,
};

/** The dark scheme, pinned on the element as a page would (`news-article { color-scheme: dark }`). */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { pullquote: true },
};

/** The article from an inline `<script type="application/json">` child: here, the seed article's JSON. */
export const InlineJson: Story = {
  // Built with the DOM: Lit templates do not take expressions inside <script>.
  render: () => {
    const element = document.createElement('news-article');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(seedArticle, null, 2);
    element.append(script);
    return element;
  },
};

/** With its pull quote, which the element places where the article says (after the fourth paragraph). */
export const WithPullquote: Story = {
  args: { pullquote: true },
};

/**
 * While `src` loads. The URL here never answers, so the placeholder stays;
 * after 15 seconds the element gives up and says the article did not arrive.
 */
export const Loading: Story = {
  args: { src: `${NEVER_ANSWERS}article.json` },
};

/** Fallback content from the host page stays on show while loading and when the article cannot be shown. */
export const FallbackWhileLoading: Story = {
  args: {
    src: `${NEVER_ANSWERS}article.json`,
    fallback: 'Placeholder fallback text from the host page, shown until the article arrives.',
  },
};

/** The server answers 404: the file is not there. */
export const NotFound: Story = {
  args: { src: 'story-fixtures/no-such-article.json' },
};

/** The server answers 200 with something that is not JSON (an HTML page). */
export const NotJson: Story = {
  args: { src: 'story-fixtures/not-json.json' },
};

/** An invalid article given to the `article` property: the message names the bad field. */
export const InvalidArticle: Story = {
  args: {
    article: {
      id: 'placeholder',
      lang: 'en',
      headline: 'Placeholder headline',
      body: ['Placeholder paragraph.', 42],
      comments: [],
    },
  },
};

/**
 * Every kind of block and all the metadata: section, standfirst, byline
 * (one name linked), dates, a lead image, a paragraph with each mark and a
 * link, a subheading, both kinds of list, a block quote, a photo with caption
 * and credit, a decorative image, and the pull quote. The images' URLs do not
 * resolve here, which shows that their space is held all the same.
 */
export const RichArticle: Story = {
  args: { article: richArticle, pullquote: true },
};

/** The rich article in the dark scheme. */
export const RichArticleDark: Story = {
  globals: { scheme: 'dark' },
  args: { article: richArticle, pullquote: true },
};

/** The rich article laid out right to left, as in a page with `dir="rtl"`: lists, quotes and captions follow the direction. */
export const RichArticleRightToLeft: Story = {
  args: { article: richArticle },
  decorators: [(story) => html`<div dir="rtl">${story()}</div>`],
};

/** An image without alt text: the article is not shown, and the message names the field. */
export const MissingAlt: Story = {
  args: {
    article: {
      ...richArticle,
      body: [
        ...richArticle.body.slice(0, 6),
        { ...(richArticle.body[6] as object), alt: '' },
        ...richArticle.body.slice(7),
      ],
    },
  },
};

/** The request fails before any answer (the connection drops). */
export const NetworkFailure: Story = {
  args: { src: `${CONNECTION_DROPS}article.json` },
};

/** The host page's fallback content is kept when the article cannot be shown. */
export const FallbackKept: Story = {
  args: {
    src: 'story-fixtures/no-such-article.json',
    fallback: 'Placeholder fallback text from the host page, kept when the article cannot be shown.',
  },
};
