/**
 * Bans on SQLite: a moderator banning an author (an account, or an
 * address) and lifting it, each logged; and the check every post makes
 * inside its transaction. The rules are `../../moderation/decisions.ts`'s.
 */
import type Database from 'better-sqlite3';
import type { AccountBan, BanPage, BanRequest, BanResult, Moderator } from '../../../src/model/comments/moderation.js';
import { banned, banUntil, checkReason } from '../../moderation/decisions.js';
import { decodeBanCursor } from '../../moderation/queue-cursor.js';
import type { BanTarget, LogPageOptions } from '../review.js';
import {
  authorOfSql,
  BANNED_ACCOUNTS_SQL,
  bannedOf,
  banPage,
  banLogLine,
  banResult,
  unbanLogLine,
  unbanResult,
  type AuthorRow,
} from '../review-rows.js';
import type { UserKey } from '../storage.js';
import type { AuditLog } from './audit-log.js';
import type { Connection } from './connection.js';
import { pageSize } from './keyset.js';

export class Bans {
  readonly #c: Connection;
  readonly #log: AuditLog;
  readonly #sql: Record<'authorOf' | 'ban' | 'unban' | 'running' | 'accounts', Database.Statement>;

  constructor(connection: Connection, log: AuditLog) {
    this.#c = connection;
    this.#log = log;
    const { db } = connection;
    this.#sql = {
      authorOf: db.prepare(authorOfSql('?')),
      ban: db.prepare(
        `INSERT INTO bans (kind, site, key, until, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, site, key) DO UPDATE SET until = excluded.until`,
      ),
      unban: db.prepare("DELETE FROM bans WHERE kind = 'user' AND site = ? AND key = ?"),
      // The ban that lasts longest, of the author's account or address.
      running: db.prepare(
        `SELECT until FROM bans
          WHERE ((kind = 'user' AND site = @site AND key = @sub) OR (kind = 'client' AND site = '' AND key = @client))
            AND (until IS NULL OR until > @now)
          ORDER BY until IS NULL DESC, until DESC LIMIT 1`,
      ),
      accounts: db.prepare(`${BANNED_ACCOUNTS_SQL}
          WHERE b.kind = 'user' AND b.site = @site AND (b.until IS NULL OR b.until > @now)
            AND (@since IS NULL OR (b.created_at, b.key) < (@since, @sub))
          ORDER BY b.created_at DESC, b.key DESC LIMIT @limit`),
    };
  }

  /** See {@link ReviewStorage.ban}. */
  ban(target: BanTarget, request: BanRequest, moderator: Moderator): BanResult {
    return this.#c.tx.immediate(() => {
      const author = 'user' in target ? undefined : (this.#sql.authorOf.get(target.authorOf) as AuthorRow | undefined);
      const whom = bannedOf(target, author);
      const at = this.#c.isoNow();
      const until = banUntil(request, whom.kind, Date.parse(at));
      this.#sql.ban.run(whom.kind, whom.site, whom.key, until, at);
      this.#log.write(banLogLine(at, moderator, whom, until, request));
      return banResult(whom, until);
    });
  }

  /** See {@link ReviewStorage.unban}. */
  unban(user: UserKey, request: BanRequest, moderator: Moderator): BanResult {
    checkReason(request.reason);
    return this.#c.tx.immediate(() => {
      this.#sql.unban.run(user.site, user.sub);
      this.#log.write(unbanLogLine(this.#c.isoNow(), moderator, user, request));
      return unbanResult(user);
    });
  }

  /** See {@link ReviewStorage.bannedAccounts}. */
  bannedAccounts(site: string, { cursor, limit }: LogPageOptions = {}): BanPage {
    const size = pageSize(limit);
    const after = cursor === undefined ? null : decodeBanCursor(cursor);
    const rows = this.#sql.accounts.all({
      site,
      now: this.#c.isoNow(),
      since: after?.since ?? null,
      sub: after?.sub ?? null,
      limit: size + 1,
    }) as AccountBan[];
    return banPage(rows, size);
  }

  /**
   * Refuses a post by a banned author, inside the posting transaction.
   *
   * @throws {CommentsError} 403 `banned`.
   */
  check(user: UserKey | null, clientHash: string | null, now: number): void {
    const running = this.#sql.running.get({
      site: user?.site ?? null,
      sub: user?.sub ?? null,
      client: clientHash,
      now: new Date(now).toISOString(),
    }) as { until: string | null } | undefined;
    if (running) throw banned(running.until);
  }
}
