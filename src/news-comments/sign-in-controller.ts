/**
 * The reader's sign-in, as the section sees it: the {@link Session} made
 * from the element's `token` or `token-endpoint`, who it says the reader
 * is, and whether the server takes comments only from readers who are
 * signed in. That last is learned from the server's answer (401
 * `sign_in_required`) and remembered in this browser for a day per
 * endpoint, so that the next visit says so before the reader types.
 */
import { Session, type SignedIn } from '../stores/session.js';
import type { CommentStore } from '../stores/store.js';
import { openStorage, readItem, writeItem } from '../stores/storage.js';
import type { Section } from './section.js';

const REQUIRED_PREFIX = 'news-widget/sign-in-required/';
/** How long a server's "sign in to comment" is believed without asking it again. */
const REMEMBERED_FOR = 24 * 60 * 60_000;

/** The event the host hears when the reader asks to sign in: its own login opens. */
const SIGN_IN_REQUESTED = 'news-sign-in-requested';

/** Has no lifecycle of its own, so it is not registered with the host; it asks the host to render when its state changes. */
export class SignInController {
  /** The reader the session vouches for, once it said; null when signed out or not known yet. */
  signedIn: SignedIn | null = null;
  /** Why the token endpoint could not say who the reader is. */
  error?: string;

  readonly #section: Section;
  /** The token and endpoint the session was made of. */
  #source = '\n';
  /** The store that refused a comment without sign-in, on this page. */
  #requiredBy?: CommentStore;
  /** What this browser remembered of the endpoint last asked about. */
  #remembered?: { readonly endpoint: string; readonly required: boolean };

  constructor(section: Section) {
    this.#section = section;
  }

  /** Whether the store takes comments only from signed-in readers, as far as this browser knows. */
  get required(): boolean {
    const { store, endpoint } = this.#section;
    if (this.#requiredBy === store) return true;
    if (store.kind !== 'remote' || !endpoint) return false;
    // Read once per endpoint: every render asks, and storage is slow to read.
    if (this.#remembered?.endpoint !== endpoint) {
      const learned = Number(readItem(openStorage(), REQUIRED_PREFIX + endpoint));
      this.#remembered = { endpoint, required: learned > 0 && Date.now() - learned < REMEMBERED_FOR };
    }
    return this.#remembered.required;
  }

  /** The store refused a comment without sign-in: from now on the form says so before the reader types. */
  learnRequired(): void {
    const { store, endpoint } = this.#section;
    this.#requiredBy = store;
    // Remembered for a server named by its endpoint; a store the page gave is the page's to describe.
    if (store.kind === 'remote' && endpoint) writeItem(openStorage(), REQUIRED_PREFIX + endpoint, String(Date.now()));
    this.#section.host.requestUpdate();
  }

  /**
   * Takes up the element's `token` and `token-endpoint`; the section's
   * session is the new one at once. Resolves to whether the reader is
   * someone else now (signed in, out, or as another name), so that the
   * list can be read again with their own comments marked.
   */
  async update(token: string | undefined, endpoint: string | undefined): Promise<boolean> {
    const source = `${token ?? ''}\n${endpoint ?? ''}`;
    if (source === this.#source) return false;
    this.#source = source;
    const session = (this.#section.session = new Session({ token, endpoint }));
    const before = this.signedIn?.name;
    try {
      const signedIn = await session.current();
      if (session !== this.#section.session) return false; // replaced meanwhile
      this.signedIn = signedIn;
      this.error = undefined;
    } catch (error) {
      if (session !== this.#section.session) return false;
      this.signedIn = null;
      this.error = (error as Error).message;
    }
    this.#section.host.requestUpdate();
    return this.signedIn?.name !== before;
  }

  /** Asks the host page to sign the reader in, with its own login. */
  request = (): void => {
    this.#section.host.dispatchEvent(new CustomEvent(SIGN_IN_REQUESTED, { bubbles: true, composed: true }));
  };
}
