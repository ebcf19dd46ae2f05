/**
 * Which color scheme an element shows, so that it looks like part of the
 * page it is a guest on:
 *
 * 1. the one its `theme` attribute pins (`light` or `dark`);
 * 2. else the one the page declares for it, on any ancestor or on the
 *    element itself (`:root { color-scheme: dark }`, a class a toggle sets,
 *    an inline style, a rule inside a media query), which elements nested in
 *    another of ours inherit through the slot, so they always agree;
 * 3. else, where the page declares none (`normal`), the reader's system
 *    preference (`light dark`).
 *
 * CSS alone cannot tell "the page declared nothing" from "the page declared
 * light", so one shared watcher reads the host's computed `color-scheme`
 * whenever something that could change it happens: an attribute anywhere in
 * the document (a class on `<html>`, a style), a stylesheet added or removed,
 * the system preference. It reads at most once a frame, for every element at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a `theme` attribute may pin. */
export type Theme = 'light' | 'dark';

/** What the element's root gets as its `color-scheme`. */
export type Scheme = 'light' | 'dark' | 'light dark';

/** An element whose scheme we watch: it may carry a `theme`. */
type Host = ReactiveControllerHost & HTMLElement & { theme?: string | null };

/** The scheme a computed `color-scheme` asks for; `normal` (nothing declared) follows the reader's system. */
export function schemeOf(declared: string): Scheme {
  const words = declared.split(/\s+/);
  const light = words.includes('light');
  const dark = words.includes('dark');
  if (dark && !light) return 'dark';
  if (light && !dark) return 'light';
  return 'light dark';
}

const pinned = (theme: unknown): Theme | undefined => (theme === 'light' || theme === 'dark' ? theme : undefined);

const watching = new Set<ColorSchemeController>();
let observer: MutationObserver | undefined;
let system: MediaQueryList | undefined;
let frame: number | undefined;

function checkAll(): void {
  frame = undefined;
  for (const controller of watching) controller.check();
}

/** Reads every element's scheme again, once, in the next frame. */
export function recheckColorSchemes(): void {
  frame ??= requestAnimationFrame(checkAll);
}

function startWatching(): void {
  observer = new MutationObserver(recheckColorSchemes);
  // Attributes anywhere (class, style, data-theme…); children of <head> for stylesheets swapped in and out.
  observer.observe(document.documentElement, { attributes: true, subtree: true });
  if (document.head) observer.observe(document.head, { childList: true });
  system = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  system?.addEventListener('change', recheckColorSchemes);
}

function stopWatching(): void {
  observer?.disconnect();
  system?.removeEventListener('change', recheckColorSchemes);
  observer = system = undefined;
  if (frame !== undefined) cancelAnimationFrame(frame);
  frame = undefined;
}

/**
 * Keeps {@link scheme} equal to what the host should show, and asks the host
 * to render when it changes. The host renders it on its root
 * (`data-scheme=${controller.scheme}`; `theme.styles.ts` turns that into `color-scheme`).
 */
export class ColorSchemeController implements ReactiveController {
  /** The scheme to render: until the first check, the reader's system preference. */
  scheme: Scheme = 'light dark';
  readonly #host: Host;
  /** False from a change of {@link scheme} until the host has rendered it. */
  #rendered = true;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (watching.size === 0 && typeof MutationObserver === 'function') startWatching();
    watching.add(this);
    this.check();
  }

  hostDisconnected(): void {
    watching.delete(this);
    if (watching.size === 0) stopWatching();
  }

  hostUpdate(): void {
    this.check();
  }

  hostUpdated(): void {
    if (!this.#rendered) {
      // Elements inside this one inherit what it shows: they read again once it is on screen.
      this.#rendered = true;
      recheckColorSchemes();
    }
  }

  /** Reads the scheme again; renders the host when it changed. */
  check(): void {
    const theme = pinned(this.#host.theme);
    const next = theme ?? schemeOf(getComputedStyle(this.#host).colorScheme);
    if (next === this.scheme) return;
    this.scheme = next;
    this.#rendered = false;
    this.#host.requestUpdate();
  }
}
