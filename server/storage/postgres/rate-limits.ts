/**
 * The per-client rate limits, counted from the rows themselves (a client's
 * recent comments, recommendations, flags, edits and deletions), so every instance counts
 * the same. A client's actions are serialized by a transaction-scoped
 * advisory lock on its hash: two instances checking one client at once
 * would both see room for one more and both act.
 */
import { RateLimitedError } from '../../errors.js';
import type { RateLimit } from '../storage.js';
import type { Queryable } from './database.js';

/** The first key of every client lock ("nwcl" in ASCII); the second is the client's hash, hashed. */
const CLIENT_LOCKS = 0x6e77636c;

/** Whole seconds until `limiting`, the action that holds the client back, leaves the window (at least 1). */
function retryAfter(limiting: string, rate: RateLimit, now: number): number {
  return Math.max(1, Math.ceil((Date.parse(limiting) + rate.windowMs - now) / 1000));
}

/**
 * Waits for the client's other actions under way in any instance, and holds
 * them off until this transaction ends. Two clients whose hashes collide on
 * the 32 bits only wait for each other.
 */
export async function lockClient(tx: Queryable, clientHash: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${CLIENT_LOCKS}, hashtext($1))`, [clientHash]);
}

/**
 * Refuses a post when the client already posted `rate.limit` times in the
 * window; call it holding {@link lockClient}.
 *
 * @throws {RateLimitedError} Saying when the oldest post that counts leaves the window.
 */
export async function checkPostRate(tx: Queryable, clientHash: string, rate: RateLimit, now: number): Promise<void> {
  const since = new Date(now - rate.windowMs).toISOString();
  const { rows } = await tx.query<{ created_at: string }>(
    `SELECT created_at FROM comments WHERE client_hash = $1 AND created_at > $2
      ORDER BY created_at DESC LIMIT 1 OFFSET $3`,
    [clientHash, since, Math.max(0, rate.limit - 1)],
  );
  if (rows[0]) throw new RateLimitedError(retryAfter(rows[0].created_at, rate, now));
}

/**
 * Refuses a recommend, flag, edit or deletion when the client already made
 * `rate.limit` of them together in the window; call it holding {@link lockClient}.
 *
 * @throws {RateLimitedError} Saying when the oldest action that counts leaves the window.
 */
export async function checkActionRate(tx: Queryable, clientHash: string, rate: RateLimit, now: number): Promise<void> {
  const since = new Date(now - rate.windowMs).toISOString();
  const { rows } = await tx.query<{ created_at: string }>(
    `SELECT created_at FROM (
       SELECT created_at FROM recommendations WHERE client_hash = $1 AND created_at > $2
       UNION ALL
       SELECT created_at FROM flags WHERE client_hash = $1 AND created_at > $2
       UNION ALL
       SELECT created_at FROM changes WHERE client_hash = $1 AND created_at > $2) AS actions
      ORDER BY created_at DESC LIMIT 1 OFFSET $3`,
    [clientHash, since, Math.max(0, rate.limit - 1)],
  );
  if (rows[0]) throw new RateLimitedError(retryAfter(rows[0].created_at, rate, now));
}

/**
 * Counts an author's edit or deletion against the client's actions, and
 * forgets its changes past the window; call it holding {@link lockClient}.
 */
export async function recordChange(tx: Queryable, clientHash: string, rate: RateLimit, now: number): Promise<void> {
  await tx.query('DELETE FROM changes WHERE client_hash = $1 AND created_at <= $2', [
    clientHash,
    new Date(now - rate.windowMs).toISOString(),
  ]);
  await tx.query('INSERT INTO changes (client_hash, created_at) VALUES ($1, $2)', [
    clientHash,
    new Date(now).toISOString(),
  ]);
}
