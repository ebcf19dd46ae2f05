/**
 * The accounts banned now, as the Banned dialog lists them: read each time
 * it opens, a page at a time, and each ban lifted from there. Bans of
 * addresses are not listed (the API lists accounts only): they lapse on
 * their own, and the audit log names the comment each was for.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AccountBan } from '../model/comments/moderation.js';
import type { ModerationApi } from './moderation-client.js';
import { messageOf } from './moderation-error.js';

/** What the element around it gives the controller. */
export interface BansHost extends ReactiveControllerHost {
  readonly client: ModerationApi | null;
}

/** How a banned account is named: by its name when the server knows one, else by its id. */
export const accountName = (ban: AccountBan): string => ban.name || ban.sub;

export class BansController {
  bans: readonly AccountBan[] = [];
  nextCursor: string | null = null;
  loading = false;
  /** Why the last reading or lifting failed, for the dialog's alert. */
  error = '';
  /**
   * What the dialog's own live region says of the last ban lifted: while
   * a modal dialog is open, a live region outside it may not be heard.
   */
  said = '';
  /** The accounts whose ban is being lifted. */
  lifting: ReadonlySet<string> = new Set();
  readonly #host: BansHost;
  readonly #lifted: (sub: string) => void;
  #reads?: AbortController;

  /** `lifted` hears of each ban lifted, so what the page marks banned follows. */
  constructor(host: BansHost, lifted: (sub: string) => void) {
    this.#host = host;
    this.#lifted = lifted;
  }

  /** Reads the first page again, or (`more`) the page after those shown. */
  async load(more = false): Promise<void> {
    const client = this.#host.client;
    if (!client || (more && !this.nextCursor)) return;
    this.#reads?.abort();
    const { signal } = (this.#reads = new AbortController());
    this.loading = true;
    this.error = '';
    if (!more) {
      this.bans = [];
      this.said = '';
    }
    this.#host.requestUpdate();
    try {
      const page = await client.bans({ cursor: more ? (this.nextCursor ?? undefined) : undefined, signal });
      if (signal.aborted) return;
      const shown = new Set(this.bans.map((ban) => ban.sub));
      this.bans = [...this.bans, ...page.bans.filter((ban) => !shown.has(ban.sub))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (signal.aborted) return;
      this.error = messageOf(error);
    } finally {
      if (!signal.aborted) {
        this.loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  /** Lifts `ban`, and says so; a refusal is said in the dialog, the ban still listed. */
  async lift(ban: AccountBan): Promise<void> {
    const client = this.#host.client;
    if (!client || this.lifting.has(ban.sub)) return;
    this.lifting = new Set([...this.lifting, ban.sub]);
    this.error = '';
    this.said = '';
    this.#host.requestUpdate();
    try {
      await client.unban(ban.sub);
      this.bans = this.bans.filter((each) => each.sub !== ban.sub);
      this.#lifted(ban.sub);
      this.said = `Lifted the ban of ${accountName(ban)}`;
    } catch (error) {
      this.error = `The ban of ${accountName(ban)} was not lifted: ${messageOf(error)}`;
    } finally {
      this.lifting = new Set([...this.lifting].filter((sub) => sub !== ban.sub));
      this.#host.requestUpdate();
    }
  }
}
