import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/news-article/news-article.js';
import '../src/news-pullquote/news-pullquote.js';
import { seedArticle } from '../src/model/article/seed.js';
import { customProperties } from './support/args.js';

type Args = {
  text?: string;
  attribution?: string;
  content?: string;
  [customProperty: `--${string}`]: string | undefined;
};

// The seed article's own pull quote: its words and who said them, verbatim.
const quote = seedArticle.pullquote!;

const meta = {
  title: 'news-pullquote',
  component: 'news-pullquote',
  render: (args) => html`
    <news-pullquote text=${ifDefined(args.text)} attribution=${ifDefined(args.attribution)} style=${ifDefined(customProperties(args))}
      >${args.content ?? ''}</news-pullquote
    >
  `,
  argTypes: {
    text: { control: 'text' },
    attribution: { control: 'text' },
    content: {
      control: 'text',
      description: 'Text content of the element (story only).',
      table: { category: 'story' },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Standalone, from its `text` and `attribution` attributes. */
export const Attributes: Story = {
  args: { text: quote.text, attribution: quote.attribution },
};

/** Standalone, with the quote as the element's text content. */
export const TextContent: Story = {
  args: { content: quote.text, attribution: quote.attribution },
};

/** Standalone with no attribution: none is shown, and none is made up. */
export const WithoutAttribution: Story = {
  args: { text: quote.text },
};

/** Standalone with neither attributes nor content: the bundled seed article's quote. */
export const NoAttributes: Story = {};

/** Inside `<news-article>`: the article's own quote, placed in its body and hidden from screen readers (it repeats the body). */
export const InsideArticle: Story = {
  render: () => html`
    <news-article>
      <news-pullquote></news-pullquote>
    </news-article>
  `,
};

/** A newsprint look, made with custom properties only. */
const newsprint = {
  '--news-pullquote-font': "Georgia, 'Times New Roman', serif",
  '--news-pullquote-size': '1.75em',
  '--news-pullquote-rule': '0.375em double #8c2413',
  '--news-color-muted': '#5a4a3a',
};

/** Restyled through its custom properties. */
export const Themed: Story = {
  args: { text: quote.text, attribution: quote.attribution, ...newsprint },
};

/** The dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { text: quote.text, attribution: quote.attribution },
};
