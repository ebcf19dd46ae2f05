/** The moderators' audit log on PostgreSQL: lines written inside each decision's or ban's transaction, read newest first. */
import type { AuditPage } from '../../../src/model/comments/moderation.js';
import { decodeLogCursor, encodeLogCursor } from '../../moderation/queue-cursor.js';
import { toAuditEntry, type LogLine, type LogRow } from '../review-rows.js';
import type { Context } from './context.js';
import type { Queryable } from './database.js';
import { pageSize } from './keyset.js';

export class AuditLog {
  constructor(readonly context: Context) {}

  /** Records a line, inside the caller's transaction. */
  async write(q: Queryable, line: LogLine): Promise<void> {
    await q.query(
      `INSERT INTO audit_log (at, moderator, action, comment_id, user_sub, before_status, after_status, until, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        line.at,
        JSON.stringify(line.moderator),
        line.action,
        line.comment_id,
        line.user_sub,
        line.before_status,
        line.after_status,
        line.until,
        line.reason,
      ],
    );
  }

  /** See {@link ReviewStorage.auditLog}. */
  async page({ cursor, limit }: { cursor?: string | undefined; limit?: number | undefined } = {}): Promise<AuditPage> {
    const size = pageSize(limit);
    const before = cursor === undefined ? null : decodeLogCursor(cursor);
    const { rows } = await this.context.db.query<LogRow>(
      'SELECT * FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2',
      [before, size + 1],
    );
    const shown = rows.slice(0, size);
    return {
      entries: shown.map(toAuditEntry),
      nextCursor: rows.length > size ? encodeLogCursor(Number(shown.at(-1)!.id)) : null,
    };
  }
}
