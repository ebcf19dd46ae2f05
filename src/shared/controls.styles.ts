import { css } from 'lit';

/**
 * The controls the interactive elements (`<news-comments>`,
 * `<news-moderation>`) share, on top of {@link theme}: words for screen
 * readers only, buttons and fields in the element's font and colors, a
 * button busy with its request, and the focus ring (a comment, focused by
 * script as focus moves through a list, shows it too).
 */
export const controls = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
  }
  button,
  select {
    min-height: 2.25em;
    padding: 0.25em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    cursor: pointer;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  :is(button, a, input, textarea, select):focus-visible,
  .comment:focus {
    outline: 0.15em solid var(--_accent);
    outline-offset: 0.15em;
  }
`;
