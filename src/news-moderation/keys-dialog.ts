/** The list of the page's keys, in a dialog that `?` or the Keys button opens and Escape closes. */
import { html } from 'lit';
import { KEYS } from './keyboard-controller.js';

export function renderKeysDialog() {
  return html`<dialog class="keys" part="keys" aria-labelledby="keys-title">
    <h2 id="keys-title">Keys</h2>
    <dl>
      ${KEYS.map(({ key, label }) => html`<div><dt><kbd>${key}</kbd></dt><dd>${label}</dd></div>`)}
    </dl>
    <form method="dialog"><button part="button">Close</button></form>
  </dialog>`;
}
