import { css } from 'lit';
import { theme } from '../shared/theme.styles.js';
import { controls } from '../shared/controls.styles.js';

export const styles = [
  theme,
  controls,
  css`
  :host {
    /* Its size never depends on the page around it, and nothing inside leaks out. */
    contain: layout style;
    --_highlight: var(--news-color-highlight, light-dark(#fff3bf, #3b3414));
  }
  /* On the shadow root's own element, where page rules on the host cannot reach. */
  .comments {
    font-family: var(--news-font-body, var(--_font-ui));
    line-height: 1.5;
  }
  .heading {
    margin: 0 0 0.5em;
    font-size: 1.4em;
    line-height: 1.25;
  }
  p {
    margin: 0;
  }
  .note,
  .hint,
  .counter,
  time,
  .edited,
  .status,
  .flagged {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .note {
    margin-bottom: 1em;
  }
  .pick {
    color: var(--_accent);
    font-size: 0.875em;
    font-weight: 600;
  }
  .error,
  .field-error {
    color: var(--_error);
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
    margin: 0.75em 0;
  }
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    cursor: default;
  }
  /* Centred on the list's top edge, in the gap above the first comment; kept in view while scrolling. */
  .arrivals {
    position: sticky;
    top: 1.75em;
    z-index: 1;
    display: flex;
    justify-content: center;
    height: 0;
  }
  .submit,
  .new-comments,
  .sign-in,
  .save {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_background);
    font-weight: 600;
  }
  .new-comments {
    transform: translateY(-50%);
    box-shadow: 0 0.1em 0.5em color-mix(in srgb, var(--_text) 30%, transparent);
  }
  a {
    color: var(--_accent);
  }
  .form {
    display: grid;
    gap: 0.75em;
    margin-bottom: 1.5em;
    padding-bottom: 1.5em;
    border-bottom: 1px solid var(--_border);
  }
  .form-title {
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25em;
  }
  label {
    font-weight: 600;
  }
  input,
  textarea {
    width: 100%;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
  textarea {
    resize: vertical;
    min-height: 6em;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .counter[data-over] {
    color: var(--_error);
    font-weight: 600;
  }
  .replying,
  .submit-row,
  .editor-actions,
  .sort,
  .actions,
  .meta,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .sort {
    margin-bottom: 1em;
  }
  .list,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .thread {
    padding: 1em 0;
    border-bottom: 1px solid var(--_border);
    /* Off-screen threads skip layout and paint, so a long list scrolls smoothly. */
    content-visibility: auto;
    contain-intrinsic-size: auto 8em;
  }
  .replies {
    margin-top: 0.75em;
    padding-left: 1em;
    border-left: 0.2em solid var(--_border);
  }
  .replies > li + li {
    margin-top: 0.75em;
  }
  .comment {
    display: grid;
    gap: 0.35em;
    padding: 0.25em 0.5em;
    border-radius: var(--_radius);
    scroll-margin: 4em;
  }
  .comment[data-highlight] {
    background: var(--_highlight);
  }
  @media (prefers-reduced-motion: no-preference) {
    .comment[data-highlight] {
      animation: arrive 1.5s ease-out;
    }
  }
  @keyframes arrive {
    from {
      box-shadow: 0 0 0 0.4em var(--_accent);
    }
    to {
      box-shadow: 0 0 0 0 transparent;
    }
  }
  .comment[aria-busy='true'] {
    /* Not faded: a pending comment must stay as readable as the rest. */
    outline: 1px dashed var(--_border);
  }
  .author {
    font-weight: 600;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .deleted .text {
    color: var(--_muted);
    font-style: italic;
  }
  .actions button,
  .confirm button {
    font-size: 0.875em;
  }
  .actions .error {
    flex-basis: 100%;
    margin: 0;
  }
  .editor {
    display: grid;
    gap: 0.35em;
  }
  .commenting-as .name {
    font-weight: 600;
  }
  .empty {
    padding: 1em 0;
    color: var(--_muted);
  }
  .more {
    margin-top: 1em;
  }
  .more.prev {
    margin: 0 0 1em;
  }
  /* Under the thread's top comment, in line with its replies. */
  .more-replies {
    margin: 0.75em 0 0 1.2em;
    font-size: 0.875em;
  }
  /* As tall as the comments it stands for, so nothing below moves when they arrive. */
  .skeleton {
    display: flow-root; /* keeps the last row's margin inside */
    min-height: 3.5em;
  }
  .skeleton > div {
    height: 5em;
    margin-bottom: 3em;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_border) 35%, transparent);
  }
`,
];
