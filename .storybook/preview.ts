import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json' with { type: 'json' };
import { installStoryNetwork } from '../stories/support/network.js';
import { argTypesFor, type Manifest } from './manifest-arg-types.js';

// Storybook reads the component descriptions from it; the tables and controls come from argTypesFor.
setCustomElementsManifest(manifest);
installStoryNetwork();

/**
 * The elements follow the reader's `prefers-color-scheme` (`color-scheme:
 * light dark` on the host). A page pins a scheme with a rule on the element,
 * which wins over `:host`; the `scheme` toolbar does just that.
 */
const schemeStyles = document.createElement('style');
schemeStyles.textContent = `
  .story-scheme[data-scheme='light'], .story-scheme[data-scheme='light'] :is(news-article, news-pullquote, news-comments, news-comments-count, news-moderation) { color-scheme: light; }
  .story-scheme[data-scheme='dark'], .story-scheme[data-scheme='dark'] :is(news-article, news-pullquote, news-comments, news-comments-count, news-moderation) { color-scheme: dark; }
  .story-scheme { color-scheme: light dark; background: light-dark(#ffffff, #16181c); color: light-dark(#1b1c1f, #e8e9ec); padding: 1rem; font-family: system-ui, sans-serif; }
  .story-scheme a { color: light-dark(#0b57d0, #8ab4f8); }
`;
document.head.append(schemeStyles);

const withScheme: Decorator = (story, context) => {
  const scheme = String(context.globals.scheme ?? 'auto');
  return html`<div class="story-scheme" data-scheme=${scheme}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withScheme],
  globalTypes: {
    scheme: {
      description: 'Color scheme of the elements',
      toolbar: {
        title: 'Scheme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: "Reader's preference" },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { scheme: 'auto' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Accessibility is checked on every story; a violation fails the check, not just warns.
    a11y: { test: 'error' },
    docs: {
      toc: true,
      extractArgTypes: (component: unknown) =>
        typeof component === 'string' ? argTypesFor(manifest as Manifest, component) : undefined,
    },
  },
};

export default preview;
