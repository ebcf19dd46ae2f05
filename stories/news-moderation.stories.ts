import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/news-moderation/news-moderation.js';
import type { ModerationApi } from '../src/news-moderation/news-moderation.js';
import { MemoryModeration, placeholderQueue } from './support/moderation.js';
import { customProperties } from './support/args.js';

type Args = {
  endpoint?: string;
  article?: string;
  'heading-level'?: number;
  /** Builds the story's moderators' API; called on every render, so each visit starts the same. */
  makeApi?: () => ModerationApi;
  [customProperty: `--${string}`]: string | undefined;
};

const meta = {
  title: 'news-moderation',
  component: 'news-moderation',
  render: (args) => html`
    <news-moderation
      endpoint=${ifDefined(args.endpoint)}
      article=${ifDefined(args.article)}
      heading-level=${ifDefined(args['heading-level'])}
      .api=${args.makeApi?.()}
      style=${ifDefined(customProperties(args))}
    ></news-moderation>
  `,
  argTypes: {
    endpoint: { control: 'text' },
    article: { control: 'text' },
    'heading-level': { control: { type: 'inline-radio' }, options: [1, 2, 3, 4, 5, 6] },
    makeApi: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The moderators’ queues. These stories keep the queues in memory (`api`), where approving, rejecting, featuring and banning really work; authors and texts are placeholders.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/**
 * Held comments with why each was held, a banned phrase marked as the
 * screening found it (full-width too). Try `j`/`k`, `a`, `r`, `f`, `b`,
 * `u` and `?`: the queues are in memory, and the decisions are real there.
 */
export const Pending: Story = {
  args: { makeApi: () => new MemoryModeration() },
};

/** Nothing waits for review. */
export const EmptyQueue: Story = {
  args: { makeApi: () => new MemoryModeration([]) },
};

/** No sign-in yet: the field a moderator pastes a token into (it goes nowhere here: no server answers). */
export const TokenForm: Story = {
  args: { endpoint: 'https://comments.invalid/' },
};

/** The pending queue in the dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { makeApi: () => new MemoryModeration(placeholderQueue()) },
};
