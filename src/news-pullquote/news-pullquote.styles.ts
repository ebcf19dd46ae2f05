import { css } from 'lit';
import { theme } from '../shared/theme.styles.js';

export const styles = [
  theme,
  css`
    /* Spacing sits inside, where a host's '* { margin: 0 }' cannot reach it. */
    .root {
      margin: 1.5em 0;
      padding: 0.25em 0 0.25em 1em;
      border-inline-start: var(--news-pullquote-rule, 0.25em solid var(--_accent));
      background: transparent;
    }
    blockquote {
      margin: 0;
      font-family: var(--news-pullquote-font, var(--_font-headline));
      font-size: var(--news-pullquote-size, 1.375em);
      font-weight: 600;
      line-height: 1.35;
    }
    blockquote::before {
      content: open-quote;
    }
    blockquote::after {
      content: close-quote;
    }
    figcaption {
      margin-top: 0.5em;
      font-family: var(--_font-ui);
      font-size: 0.9375em;
      color: var(--_muted);
    }
    figcaption::before {
      content: '— ';
    }
  `,
];
