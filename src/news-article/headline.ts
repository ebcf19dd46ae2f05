import { html } from 'lit';

/**
 * The headline as a real `<h1>`–`<h6>`, at the level the host page asks for.
 * A switch of six literal templates is smaller than `lit/static-html.js`.
 */
export function headline(level: number, text: string) {
  switch (Math.min(6, Math.max(1, Math.trunc(level) || 2))) {
    case 1:
      return html`<h1 class="headline" part="headline" id="headline">${text}</h1>`;
    case 3:
      return html`<h3 class="headline" part="headline" id="headline">${text}</h3>`;
    case 4:
      return html`<h4 class="headline" part="headline" id="headline">${text}</h4>`;
    case 5:
      return html`<h5 class="headline" part="headline" id="headline">${text}</h5>`;
    case 6:
      return html`<h6 class="headline" part="headline" id="headline">${text}</h6>`;
    default:
      return html`<h2 class="headline" part="headline" id="headline">${text}</h2>`;
  }
}
