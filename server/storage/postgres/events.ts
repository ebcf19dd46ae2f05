/**
 * Live events in PostgreSQL: reading an article's events (written by the
 * trigger of migration 003 in the posting transaction), and one listening
 * connection per storage that hears every instance's NOTIFY at commit.
 *
 * The listening connection is opened on the first watcher, not with the
 * pool: an instance that serves no live events holds none. When it is lost
 * (a restart, a failover) it is opened again, a second later and again
 * until it succeeds, and every watcher is then told, since NOTIFYs sent
 * while it was away are gone; the events themselves are in the table.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { NoticeBoard } from '../notice-board.js';
import type { StoredEvent } from '../storage.js';
import type { Queryable } from './database.js';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from '../rows.js';
import { storable } from './rows.js';

/** The channel of migration 003's NOTIFY. */
const CHANNEL = 'comment_events';

/** How long to wait before opening a lost listening connection again. */
const RECONNECT_MS = 1000;

/** The NOTIFY payload of an article: as migration 003's `md5(NEW.article_id)` makes it. */
const keyOf = (articleId: string): string => createHash('md5').update(articleId, 'utf8').digest('hex');

/** See {@link CommentStorage.events}. */
export async function readEvents(
  q: Queryable,
  articleId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredEvent[]> {
  if (!storable(articleId)) return [];
  // A deleted event always; the others while their comment is visible and not deleted.
  const { rows } = await q.query<EventRow>(
    `SELECT ${EVENT_COLUMNS}
       FROM events e
       LEFT JOIN comments c ON c.id = e.comment_id
       LEFT JOIN comments p ON p.id = c.parent_id
      WHERE e.article_id = $1 AND e.seq > $2
        AND (e.kind IN ('deleted', 'removed') OR (NOT c.hidden AND c.deleted_at IS NULL AND (p.id IS NULL OR NOT p.hidden)))
      ORDER BY e.seq
      LIMIT $3`,
    [articleId, afterSeq, limit],
  );
  return rows.map(toStoredEvent);
}

/** See {@link CommentStorage.latestSeq}. */
export async function latestSeq(q: Queryable, articleId: string): Promise<number> {
  if (!storable(articleId)) return 0;
  const { rows } = await q.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM events WHERE article_id = $1', [
    articleId,
  ]);
  return Number(rows[0]?.seq ?? 0);
}

/** The storage's listening connection and who hears of it. */
export class EventListener {
  readonly #url: string;
  readonly #connectTimeoutMs: number;
  readonly #board = new NoticeBoard();
  #client: pg.Client | null = null;
  #retry: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;

  constructor(url: string, connectTimeoutMs: number) {
    this.#url = url;
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /** See {@link CommentStorage.watchEvents}. */
  watch(articleId: string, notice: () => void): () => void {
    const stop = this.#board.watch(keyOf(articleId), notice);
    if (!this.#started && !this.#closed) {
      this.#started = true;
      void this.#listen();
    }
    return stop;
  }

  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.#url,
      connectionTimeoutMillis: this.#connectTimeoutMs,
      keepAlive: true,
    });
    this.#client = client;
    let lost = false;
    const again = () => {
      if (lost) return;
      lost = true;
      void client.end().catch(() => {});
      if (this.#closed) return;
      this.#retry = setTimeout(() => void this.#listen(), RECONNECT_MS);
      this.#retry.unref();
    };
    client.on('error', again);
    client.on('end', again);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.#board.tell(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      again();
      return;
    }
    // Whatever was posted while nobody listened is in the table: let every watcher read it.
    this.#board.tellAll();
  }

  /** Closes the listening connection; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => {});
  }
}
