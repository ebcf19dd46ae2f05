/**
 * Who the reader is on the publisher's site, as the comments know it: a
 * signed token the site gives, which the browser only carries to the
 * comments server (`Authorization: Bearer …`), where it is verified.
 *
 * The token comes from the element's `token` property, or from its
 * `token-endpoint`: a URL on the publisher's own origin, called with the
 * reader's cookies, that answers `{ "token": "…" }` for a signed-in reader
 * and 401 or 204 for anyone else. A token the server calls expired is
 * fetched again, once.
 *
 * The claims are read here only to show "Commenting as <name>"; nothing is
 * trusted on this side.
 */

/** A reader signed in on the publisher's site. */
export interface SignedIn {
  readonly token: string;
  /** The name comments will carry, as the token says. */
  readonly name: string;
  readonly role: 'reader' | 'moderator';
  /** When the token expires, in ms since the epoch; NaN when it does not say. */
  readonly expiresAt: number;
}

/** A token endpoint that could not be asked: the reader may be signed in, but we cannot tell. */
export class SessionError extends Error {
  override name = 'SessionError';
}

export interface SessionOptions {
  /** A token the page already has. */
  readonly token?: string | null;
  /** A URL on the page's own origin answering `{ "token": "…" }`, or 401/204 when signed out. */
  readonly endpoint?: string | null;
  readonly fetch?: typeof fetch;
}

function decodePart(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
}

/** What a token says of its reader, unverified, or null for a string that is no JWT with a name. */
export function readToken(token: string): SignedIn | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = decodePart(parts[1]!) as Record<string, unknown>;
    if (typeof claims.name !== 'string' || claims.name === '') return null;
    return {
      token,
      name: claims.name,
      role: claims.role === 'moderator' ? 'moderator' : 'reader',
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Number.NaN,
    };
  } catch {
    return null;
  }
}

/** The reader's sign-in, from a token or a token endpoint. */
export class Session {
  readonly #given: SignedIn | null;
  readonly #endpoint: string | null;
  readonly #fetch: typeof fetch;
  #asked?: Promise<SignedIn | null>;
  /** The expired token the last refresh replaced: calls refused for the same one share that refresh. */
  #replaced?: string;

  constructor({ token = null, endpoint = null, fetch: fetcher }: SessionOptions = {}) {
    this.#given = token ? readToken(token) : null;
    this.#endpoint = token ? null : endpoint;
    this.#fetch = fetcher ?? ((...args) => globalThis.fetch(...args));
  }

  /** Whether this session can ever be signed in: it has a token, or somewhere to ask for one. */
  get possible(): boolean {
    return this.#given !== null || this.#endpoint !== null;
  }

  /** The signed-in reader, or null; asks the endpoint once, until {@link refresh}. */
  current(): Promise<SignedIn | null> {
    if (!this.#endpoint) return Promise.resolve(this.#given);
    return (this.#asked ??= this.#ask().catch((error: unknown) => {
      this.#asked = undefined; // a failed ask is asked again next time
      throw error;
    }));
  }

  /**
   * Asks the endpoint for a fresh token, after the server called `expired`
   * (the current one, when left out) expired. Calls refused at once for the
   * same token (a page's list and count) ask once between them.
   * A token given as a property cannot be renewed here: the answer is null (signed out).
   */
  refresh(expired?: string): Promise<SignedIn | null> {
    if (!this.#endpoint) return Promise.resolve(null);
    if (expired === undefined || expired !== this.#replaced || !this.#asked) {
      this.#replaced = expired;
      this.#asked = undefined;
    }
    return this.current();
  }

  async #ask(): Promise<SignedIn | null> {
    let response: Response;
    try {
      response = await this.#fetch(this.#endpoint!, {
        credentials: 'include',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
    } catch (cause) {
      throw new SessionError('Could not reach the sign-in service.', { cause });
    }
    if (response.status === 401 || response.status === 204) return null;
    if (!response.ok) throw new SessionError(`The sign-in service answered ${response.status}.`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new SessionError('The sign-in service did not answer JSON.');
    }
    const token = (body as { token?: unknown } | null)?.token;
    if (token === null || token === undefined || token === '') return null;
    const signedIn = typeof token === 'string' ? readToken(token) : null;
    if (!signedIn) throw new SessionError('The sign-in service answered something that is not a sign-in token.');
    return signedIn;
  }
}
