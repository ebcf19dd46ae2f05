/**
 * Bans on PostgreSQL: a moderator banning an author (an account, or an
 * address) and lifting it, each logged; and the check every post makes
 * inside its transaction. The rules are `../../moderation/decisions.ts`'s.
 */
import type { AccountBan, BanPage, BanRequest, BanResult, Moderator } from '../../../src/model/comments/moderation.js';
import { commentNotFound } from '../../errors.js';
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
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { pageSize } from './keyset.js';
import { storable } from './rows.js';

export class Bans {
  constructor(
    readonly context: Context,
    readonly log: AuditLog,
  ) {}

  /** See {@link ReviewStorage.ban}. */
  async ban(target: BanTarget, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    const key = 'user' in target ? [target.user.site, target.user.sub] : [target.authorOf];
    if (!key.every(storable)) throw commentNotFound();
    return this.context.db.transaction(async (tx) => {
      const author =
        'user' in target ? undefined : (await tx.query<AuthorRow>(authorOfSql('$1'), [target.authorOf])).rows[0];
      const whom = bannedOf(target, author);
      const at = this.context.isoNow();
      const until = banUntil(request, whom.kind, Date.parse(at));
      await tx.query(
        `INSERT INTO bans (kind, site, key, until, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, site, key) DO UPDATE SET until = excluded.until`,
        [whom.kind, whom.site, whom.key, until, at],
      );
      await this.log.write(tx, banLogLine(at, moderator, whom, until, request));
      return banResult(whom, until);
    });
  }

  /** See {@link ReviewStorage.unban}. */
  async unban(user: UserKey, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    checkReason(request.reason);
    await this.context.db.transaction(async (tx) => {
      if (storable(user.sub) && storable(user.site)) {
        await tx.query("DELETE FROM bans WHERE kind = 'user' AND site = $1 AND key = $2", [user.site, user.sub]);
      }
      await this.log.write(tx, unbanLogLine(this.context.isoNow(), moderator, user, request));
    });
    return unbanResult(user);
  }

  /** See {@link ReviewStorage.bannedAccounts}. */
  async bannedAccounts(site: string, { cursor, limit }: LogPageOptions = {}): Promise<BanPage> {
    const size = pageSize(limit);
    const after = cursor === undefined ? null : decodeBanCursor(cursor);
    if (!storable(site) || (after && !(storable(after.since) && storable(after.sub)))) {
      return { bans: [], nextCursor: null };
    }
    const { rows } = await this.context.db.query<AccountBan>(
      `${BANNED_ACCOUNTS_SQL}
        WHERE b.kind = 'user' AND b.site = $1 AND (b.until IS NULL OR b.until > $2)
          AND ($3::text IS NULL OR (b.created_at, b.key) < ($3, $4))
        ORDER BY b.created_at DESC, b.key DESC LIMIT $5`,
      [site, this.context.isoNow(), after?.since ?? null, after?.sub ?? null, size + 1],
    );
    return banPage(rows, size);
  }

  /**
   * Refuses a post by a banned author, inside the posting transaction.
   *
   * @throws {CommentsError} 403 `banned`.
   */
  async check(q: Queryable, user: UserKey | null, clientHash: string | null, now: number): Promise<void> {
    // The ban that lasts longest, of the author's account or address.
    const { rows } = await q.query<{ until: string | null }>(
      `SELECT until FROM bans
        WHERE ((kind = 'user' AND site = $1 AND key = $2) OR (kind = 'client' AND site = '' AND key = $3))
          AND (until IS NULL OR until > $4)
        ORDER BY until DESC NULLS FIRST LIMIT 1`,
      [user?.site ?? null, user?.sub ?? null, clientHash, new Date(now).toISOString()],
    );
    if (rows[0]) throw banned(rows[0].until);
  }
}
