import { expect, waitUntil } from '@open-wc/testing';
import { loadWhenNear } from './lazy.js';

/** Frames enough for an IntersectionObserver to deliver what it saw. */
const settle = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));

describe('loadWhenNear', () => {
  let stage: HTMLElement;
  beforeEach(() => {
    stage = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    stage.remove();
    scrollTo(0, 0);
  });

  it('loads nothing for a tag far below the viewport, then loads it once as it nears', async () => {
    const calls: string[] = [];
    // Five screens down: further than the two screens ahead that loading starts.
    stage.innerHTML = `<div style="height: ${innerHeight * 5}px"></div><lazy-far></lazy-far><lazy-far></lazy-far>`;
    loadWhenNear({ 'lazy-far': async () => calls.push('lazy-far') });
    await settle();
    expect(calls, 'loaded while five screens away').to.deep.equal([]);

    scrollTo(0, innerHeight * 3.5);
    await waitUntil(() => calls.length > 0, 'not loaded when it neared the viewport');
    scrollTo(0, innerHeight * 5);
    await settle();
    expect(calls, 'two elements of one tag load its code once').to.deep.equal(['lazy-far']);
  });

  it('loads a tag already near the viewport at once, and one the page adds later', async () => {
    const calls: string[] = [];
    stage.innerHTML = '<lazy-near></lazy-near>';
    loadWhenNear({
      'lazy-near': async () => calls.push('lazy-near'),
      'lazy-later': async () => calls.push('lazy-later'),
    });
    await waitUntil(() => calls.includes('lazy-near'), 'a tag in view was not loaded');
    expect(calls).to.deep.equal(['lazy-near']);

    stage.append(document.createElement('lazy-later'));
    await waitUntil(() => calls.includes('lazy-later'), 'a tag added later was not loaded');
  });

  it('finds tags in the open shadow roots of components, however late they attach or render', async () => {
    const calls: string[] = [];
    /** A component of the host app that renders `tag` into its own shadow root, `after` ms from connecting. */
    const component = (tag: string, after = 0) =>
      class extends HTMLElement {
        connectedCallback() {
          const root = this.attachShadow({ mode: 'open' });
          const render = () => (root.innerHTML = `<section><${tag}></${tag}></section>`);
          if (after) setTimeout(render, after);
          else render();
        }
      };
    customElements.define('app-early', component('lazy-in-early'));
    stage.innerHTML = '<app-early></app-early><app-upgraded></app-upgraded>';
    loadWhenNear({
      'lazy-in-early': async () => calls.push('lazy-in-early'),
      'lazy-in-upgraded': async () => calls.push('lazy-in-upgraded'),
      'lazy-in-added': async () => calls.push('lazy-in-added'),
    });
    await waitUntil(() => calls.includes('lazy-in-early'), 'a shadow root there from the start was not searched');

    // Defined after we looked: its shadow root attaches as it upgrades.
    customElements.define('app-upgraded', component('lazy-in-upgraded'));
    await waitUntil(
      () => calls.includes('lazy-in-upgraded'),
      'the shadow root of an upgraded component was not searched',
    );

    // Added later, rendering later still: its shadow root is watched, not just searched once.
    customElements.define('app-added', component('lazy-in-added', 50));
    stage.append(document.createElement('app-added'));
    await waitUntil(() => calls.includes('lazy-in-added'), 'a tag a shadow root gained later was not found');
    expect(calls).to.deep.equal(['lazy-in-early', 'lazy-in-upgraded', 'lazy-in-added']);
  });

  it('reports a loader that fails on the console, and throws nothing into the page', async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      stage.innerHTML = '<lazy-broken></lazy-broken>';
      loadWhenNear({ 'lazy-broken': () => Promise.reject(new Error('chunk missing')) });
      await waitUntil(() => logged.length > 0, 'the failure was not reported');
      expect(String(logged[0]![0])).to.equal('news-widget: could not load <lazy-broken>.');
      expect((logged[0]![1] as Error).message).to.equal('chunk missing');
    } finally {
      console.error = original;
    }
  });
});
