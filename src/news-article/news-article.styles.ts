import { css } from 'lit';
import { theme } from '../shared/theme.styles.js';

export const styles = [
  theme,
  css`
    .root {
      max-width: var(--_measure);
      padding: var(--news-article-padding, 1em 1.25em);
    }
    .headline {
      margin: 0 0 0.75em;
      font-family: var(--_font-headline);
      font-size: var(--news-headline-size, 1.875em);
      font-weight: 700;
      line-height: 1.2;
      text-wrap: balance;
    }
    p,
    ul,
    ol,
    blockquote,
    figure {
      margin: 0 0 var(--news-paragraph-spacing, 1em);
    }
    /* Typed blocks and metadata (rendered by blocks.ts). */
    a {
      color: var(--_accent);
    }
    .subheading {
      margin: 1.5em 0 0.5em;
      font-family: var(--_font-headline);
      font-size: 1.25em;
      line-height: 1.3;
    }
    ul,
    ol {
      padding-inline-start: 1.5em;
    }
    blockquote {
      padding-inline-start: 1em;
      border-inline-start: 0.25em solid var(--_border);
    }
    blockquote p {
      margin: 0;
    }
    footer,
    figcaption,
    .section,
    .credits {
      color: var(--_muted);
      font-family: var(--_font-ui);
      font-size: 0.875em;
    }
    img {
      display: block;
      max-width: 100%;
      height: auto;
    }
    figcaption {
      margin-top: 0.5em;
    }
    .section {
      margin: 0 0 0.25em;
      font-weight: 700;
    }
    .standfirst {
      font-size: 1.125em;
    }
    .credits {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1em;
    }
    .loading {
      display: grid;
      place-items: center;
      min-block-size: var(--news-loading-block-size, 24em);
      color: var(--_muted);
      font-family: var(--_font-ui);
    }
    .error {
      margin: 0 0 1em;
      padding: 0.75em 1em;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      color: var(--_error);
      font-family: var(--_font-ui);
    }
    .fallback[hidden] {
      display: none;
    }
  `,
];
