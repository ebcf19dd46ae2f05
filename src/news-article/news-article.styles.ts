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
    p {
      margin: 0 0 var(--news-paragraph-spacing, 1em);
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
