import { css } from 'lit';
import { theme } from '../shared/theme.styles.js';
import { controls } from '../shared/controls.styles.js';

export const styles = [
  theme,
  controls,
  css`
    :host {
      contain: layout style;
      --_highlight: var(--news-color-highlight, light-dark(#fff3bf, #5c4a00));
    }
    .moderation {
      font-family: var(--_font-ui);
      line-height: 1.5;
      padding: 0.5em;
      max-width: 60em;
    }
    p,
    ul,
    ol,
    dl,
    dd {
      margin: 0;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: center;
      margin-bottom: 0.75em;
    }
    /* Taller than a reader's: a moderator's buttons are hit all day. */
    button {
      min-height: 2.5em;
    }
    /* Focused when its queue runs out; the controls' ring, on the panel too. */
    .panel:focus-visible {
      outline: 0.15em solid var(--_accent);
      outline-offset: 0.15em;
    }
    .heading {
      margin: 0 auto 0 0;
      font-size: 1.6em;
      line-height: 1.25;
    }
    kbd {
      font-family: ui-monospace, monospace;
      font-size: 0.85em;
      padding: 0 0.3em;
      border: 1px solid var(--_border);
      border-radius: 0.25em;
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em;
      border-bottom: 1px solid var(--_border);
      margin-bottom: 0.75em;
    }
    [role='tab'] {
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: 0;
    }
    [role='tab'][aria-selected='true'] {
      border-bottom-color: var(--_accent);
      font-weight: 600;
    }
    .count {
      display: inline-block;
      min-width: 1.5em;
      padding: 0 0.4em;
      border-radius: 1em;
      background: var(--_border);
      text-align: center;
    }
    /* minmax(0, …): a long unbroken word wraps instead of widening the column past a phone's screen. */
    .list {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.75em;
    }
    .comment {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.4em;
      padding: 0.75em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
    }
    time,
    .status,
    .hint,
    .parent,
    .reasons-label,
    .facts,
    .empty {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .text {
      font-family: var(--_font-body);
      white-space: pre-wrap;
    }
    mark {
      background: var(--_highlight);
      color: inherit;
      font-weight: 600;
    }
    .reasons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.5em;
      padding: 0;
      list-style: none;
    }
    .reasons li {
      padding: 0 0.5em;
      border: 1px solid var(--_border);
      border-radius: 1em;
      font-size: 0.9em;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1em;
    }
    .facts div {
      display: flex;
      gap: 0.3em;
    }
    .facts dt::after {
      content: ':';
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .note,
    .failure,
    .field-error {
      color: var(--_error);
    }
    .failure:empty,
    .field-error:empty {
      display: none;
    }
    .failure {
      margin-top: 0.75em;
    }
    .more {
      margin-top: 0.75em;
    }
    .sign-in {
      display: grid;
      gap: 0.4em;
      max-width: 30em;
    }
    .sign-in input,
    .ban input[type='text'] {
      min-height: 2.5em;
      padding: 0.25em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_background);
    }
    .sign-in button {
      justify-self: start;
    }
    dialog {
      color: var(--_text);
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      max-width: min(30em, calc(100vw - 2em));
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    dialog h2 {
      margin: 0 0 0.5em;
      font-size: 1.25em;
    }
    .keys dl div {
      display: flex;
      gap: 0.75em;
      margin-bottom: 0.25em;
    }
    .keys dt {
      min-width: 1.5em;
    }
    .keys form {
      margin-top: 0.75em;
    }
    .ban form {
      display: grid;
      gap: 0.5em;
    }
    .ban-list {
      list-style: none;
      padding: 0;
    }
    .ban-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: center;
      padding: 0.5em 0;
      border-bottom: 1px solid var(--_border);
    }
    .ban-list .who {
      font-weight: 600;
    }
    .ban-list .sub,
    .ban-list .until,
    .bans .hint,
    .bans .empty {
      color: var(--_muted);
    }
    .ban-list .lift {
      margin-inline-start: auto;
    }
    .bans form,
    .more-bans {
      margin-top: 0.75em;
    }
    .ban fieldset {
      margin: 0;
      padding: 0.25em 0.75em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .choice {
      display: flex;
      gap: 0.5em;
      align-items: center;
      min-height: 2em;
    }
    @media (prefers-reduced-motion: no-preference) {
      .comment {
        transition: border-color 0.15s ease-out;
      }
    }
    .comment:focus {
      border-color: var(--_accent);
    }
  `,
];
