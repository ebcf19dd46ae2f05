import { css } from 'lit';

/**
 * The theme every element shares: public custom properties with defaults for
 * light and dark, resolved into private `--_` properties that the elements'
 * own styles use.
 *
 * - The font size is `--news-font-size`, by default `medium` (the reader's own
 *   default size), set on the root inside the shadow tree: neither
 *   `html { font-size: 62.5% }` nor a reset's `* { font: inherit }`, which does
 *   reach the host element, can resize us. Every other size is in `em`.
 * - The root's `color-scheme` is the one `ColorSchemeController` settles on
 *   (`data-scheme`): the `theme` attribute's, else the page's, else the
 *   reader's `prefers-color-scheme`. Fields and every `light-dark()` follow it,
 *   and so do our elements nested inside (they inherit it through the slot).
 * - `all: initial` on the root stops inherited page styles (letter-spacing,
 *   text-transform, line-height…) from leaking in; custom properties, the
 *   theming API, still inherit.
 */
export const theme = css`
  :host {
    display: block;
    --_font-body: var(--news-font-body, Georgia, 'Times New Roman', serif);
    --_font-ui: var(--news-font-ui, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-headline: var(--news-font-headline, var(--_font-ui));
    --_text: var(--news-color-text, light-dark(#1b1c1f, #e8e9ec));
    --_muted: var(--news-color-muted, light-dark(#5b5f66, #a7abb3));
    --_accent: var(--news-color-accent, light-dark(#0b57d0, #8ab4f8));
    --_background: var(--news-color-background, light-dark(#ffffff, #16181c));
    --_border: var(--news-color-border, light-dark(#d5d7db, #3a3d44));
    --_error: var(--news-color-error, light-dark(#b3261e, #f2b8b5));
    --_measure: var(--news-measure, 40em);
    --_radius: var(--news-radius, 0.375em);
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    all: initial;
    display: block;
    box-sizing: border-box;
    color-scheme: light dark;
    font-family: var(--_font-body);
    font-size: var(--news-font-size, medium);
    line-height: 1.6;
    color: var(--_text);
    background: var(--_background);
    overflow-wrap: break-word;
  }
  .root[data-scheme='light'] {
    color-scheme: light;
  }
  .root[data-scheme='dark'] {
    color-scheme: dark;
  }
  .root *,
  .root *::before,
  .root *::after {
    box-sizing: inherit;
  }
`;
