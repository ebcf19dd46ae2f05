/** The moderators' audit log on SQLite: lines written inside each decision's or ban's transaction, read newest first. */
import type Database from 'better-sqlite3';
import type { AuditPage } from '../../../src/model/comments/moderation.js';
import { decodeLogCursor, encodeLogCursor } from '../../moderation/queue-cursor.js';
import { toAuditEntry, type LogLine, type LogRow } from '../review-rows.js';
import type { Connection } from './connection.js';
import { pageSize } from './keyset.js';

export class AuditLog {
  readonly #sql: Record<'write' | 'page', Database.Statement>;

  constructor({ db }: Connection) {
    this.#sql = {
      write: db.prepare(
        `INSERT INTO audit_log (at, moderator, action, comment_id, user_sub, before_status, after_status, until, reason)
         VALUES (@at, @moderator, @action, @comment_id, @user_sub, @before_status, @after_status, @until, @reason)`,
      ),
      page: db.prepare('SELECT * FROM audit_log WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit'),
    };
  }

  /** Records a line, inside the caller's transaction. */
  write(line: LogLine): void {
    this.#sql.write.run({ ...line, moderator: JSON.stringify(line.moderator) });
  }

  /** See {@link ReviewStorage.auditLog}. */
  page({ cursor, limit }: { cursor?: string | undefined; limit?: number | undefined } = {}): AuditPage {
    const size = pageSize(limit);
    const before = cursor === undefined ? null : decodeLogCursor(cursor);
    const rows = this.#sql.page.all({ before, limit: size + 1 }) as LogRow[];
    const shown = rows.slice(0, size);
    return {
      entries: shown.map(toAuditEntry),
      nextCursor: rows.length > size ? encodeLogCursor(Number(shown.at(-1)!.id)) : null,
    };
  }
}
