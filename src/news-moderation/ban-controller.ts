/**
 * Banning a comment's author, after the moderator confirms: the comment
 * asked about, the confirmation's state, and the bans done this visit (the
 * API has no list of bans to read them back from). A signed-in author is
 * banned by account, and every comment of theirs shows it; one who was not
 * signed in is banned by the salted address of that comment, and only that
 * comment can show it (whose other comments share the address is the
 * server's secret).
 *
 * A ban is not undone with `u`: it is confirmed on purpose, and the API
 * lifts bans of accounts only (`POST /moderation/users/:sub/unban`).
 */
import type { ReactiveControllerHost } from 'lit';
import { MAX_CLIENT_BAN_DAYS, type BanResult, type ModeratedComment } from '../model/comments/moderation.js';
import type { ModerationApi } from './moderation-client.js';
import { messageOf, ModerationError } from './moderation-error.js';

/** One length of ban the confirmation offers; no `days`: for good. */
export interface BanLength {
  readonly days?: number;
  readonly label: string;
}

/** What a signed-in author may be banned for. */
export const ACCOUNT_BANS: readonly BanLength[] = [
  { days: 1, label: 'A day' },
  { days: 7, label: 'A week' },
  { days: 30, label: '30 days' },
  { label: 'For good' },
];

/** What an author who was not signed in may be banned for: an address changes hands, so never for good. */
export const CLIENT_BANS: readonly BanLength[] = [
  { days: 1, label: 'A day' },
  { days: 7, label: 'A week' },
  { days: 30, label: '30 days' },
  { days: MAX_CLIENT_BAN_DAYS, label: `${MAX_CLIENT_BAN_DAYS} days, the longest` },
];

/** The length chosen until the moderator picks another. */
export const DEFAULT_BAN_DAYS = 7;

/** The lengths a ban of `comment`'s author may have. */
export const banLengths = (comment: ModeratedComment): readonly BanLength[] =>
  comment.userSub === null ? CLIENT_BANS : ACCOUNT_BANS;

export const authorName = (comment: ModeratedComment): string => comment.author || 'A reader';

const forHowLong = (days: number | undefined): string =>
  days === undefined ? 'for good' : `for ${days} ${days === 1 ? 'day' : 'days'}`;

/** Whose ban a comment shows: its author's account, or the comment itself. */
const whoseBan = (comment: ModeratedComment): string =>
  comment.userSub === null ? `comment:${comment.id}` : `user:${comment.userSub}`;

/** What the element around it gives the controller. */
export interface BanHost extends ReactiveControllerHost {
  readonly client: ModerationApi | null;
}

export class BanController {
  /** The comment whose author the confirmation asks about; null when it is closed. */
  asked: ModeratedComment | null = null;
  /** Why the last ban asked was refused, for the confirmation's alert. */
  error = '';
  busy = false;
  readonly #host: BanHost;
  readonly #bans = new Map<string, BanResult>();

  constructor(host: BanHost) {
    this.#host = host;
  }

  ask(comment: ModeratedComment): void {
    this.asked = comment;
    this.error = '';
    this.#host.requestUpdate();
  }

  /** Backs out of the confirmation, banning no one. */
  cancel(): void {
    if (!this.asked) return;
    this.asked = null;
    this.error = '';
    this.#host.requestUpdate();
  }

  /** The account `sub`'s ban was lifted: its comments show it banned no more. */
  lifted(sub: string): void {
    if (this.#bans.delete(`user:${sub}`)) this.#host.requestUpdate();
  }

  /** The ban this visit did of `comment`'s author, if any. */
  banOf(comment: ModeratedComment): BanResult | undefined {
    return this.#bans.get(whoseBan(comment));
  }

  /**
   * Bans the author asked about for `days` (none: for good), with the
   * moderator's `reason`. Resolves the words that announce it ("Banned Ana
   * for 7 days"), said once the confirmation is closed (a modal dialog
   * makes the live region outside it unheard); null when refused, with the
   * reason in {@link error} and the confirmation open.
   */
  async confirm(days: number | undefined, reason: string): Promise<string | null> {
    const comment = this.asked;
    const client = this.#host.client;
    if (!comment || !client || this.busy) return null;
    this.busy = true;
    this.error = '';
    this.#host.requestUpdate();
    try {
      const result = await client.banAuthor(comment.id, {
        ...(days !== undefined && { days }),
        ...(reason !== '' && { reason }),
      });
      this.#bans.set(whoseBan(comment), result);
      this.asked = null;
      return `Banned ${authorName(comment)} ${forHowLong(days)}`;
    } catch (error) {
      this.error = banFailure(error);
      return null;
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}

/** A refused ban in words; a missing comment may also be one whose address the server did not keep. */
function banFailure(error: unknown): string {
  if (!(error instanceof ModerationError)) return messageOf(error);
  switch (error.code) {
    case 'comment_not_found':
      return 'There is no one to ban: this comment no longer exists, or the server did not keep its author’s address.';
    case 'validation_failed':
      return `The server refused this ban: ${error.message}.`;
    default:
      return error.message;
  }
}
