/**
 * Readers' reactions on SQLite: recommends, counted once per reader and once
 * per client, and flags, which hide a comment once enough clients agree.
 */
import type Database from 'better-sqlite3';
import { validateReaderId } from '../../../src/model/comments/validate.js';
import { articleNotFound, commentNotFound, invalidField } from '../../errors.js';
import type { Requester } from '../storage.js';
import type { Connection } from './connection.js';
import type { RateLimits } from './rate-limits.js';
import type { Threads } from './threads.js';

function checkReader(readerId: unknown): asserts readerId is string {
  const problem = validateReaderId(readerId);
  if (problem) throw invalidField(problem.field, problem.message);
}

type Statements =
  'exists' | 'recommend' | 'addRecommend' | 'recommendedBy' | 'recommends' | 'flag' | 'flaggers' | 'hide' | 'reported';

export class Reactions {
  readonly #c: Connection;
  readonly #threads: Threads;
  readonly #rates: RateLimits;
  readonly #flagThreshold: number;
  readonly #sql: Record<Statements, Database.Statement>;

  constructor(connection: Connection, threads: Threads, rates: RateLimits, flagThreshold: number) {
    this.#c = connection;
    this.#threads = threads;
    this.#rates = rates;
    this.#flagThreshold = flagThreshold;
    const { db } = connection;
    this.#sql = {
      exists: db.prepare('SELECT hidden FROM comments WHERE id = ? AND article_id = ?').pluck(),
      recommend: db.prepare(
        'INSERT INTO recommendations (comment_id, reader_id, client_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      addRecommend: db.prepare('UPDATE comments SET recommends = recommends + 1 WHERE id = ?'),
      recommendedBy: db.prepare('SELECT 1 FROM recommendations WHERE comment_id = ? AND client_hash = ?').pluck(),
      recommends: db.prepare('SELECT recommends FROM comments WHERE id = ?').pluck(),
      flag: db.prepare(
        `INSERT INTO flags (comment_id, reader_id, client_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      // One client cannot hide a comment alone by inventing reader ids.
      flaggers: db
        .prepare('SELECT count(DISTINCT coalesce(client_hash, reader_id)) FROM flags WHERE comment_id = ?')
        .pluck(),
      // Readers' flags put it in the reported queue, out of everyone else's sight.
      hide: db.prepare("UPDATE comments SET hidden = 1, status = 'pending', version = version + 1 WHERE id = ?"),
      reported: db.prepare("INSERT INTO holds (comment_id, reason) VALUES (?, 'reported') ON CONFLICT DO NOTHING"),
    };
  }

  /** See {@link CommentStorage.recommend}. */
  recommend(articleId: string, commentId: string, readerId: string, requester?: Requester): number {
    checkReader(readerId);
    const clientHash = this.#c.clientHash(requester?.client ?? null);
    return this.#c.tx.immediate(() => {
      if (!this.#c.hasArticle(articleId)) throw articleNotFound();
      if (!this.#threads.visible(articleId, commentId)) throw commentNotFound();
      if (requester?.rate && clientHash !== null) this.#rates.checkAction(clientHash, requester.rate);
      // Asked before the insert, which would make the client known.
      const known = clientHash !== null && this.#sql.recommendedBy.get(commentId, clientHash) !== undefined;
      if (this.#sql.recommend.run(commentId, readerId, clientHash, this.#c.isoNow()).changes === 1 && !known) {
        this.#sql.addRecommend.run(commentId);
      }
      return this.#sql.recommends.get(commentId) as number;
    });
  }

  /** See {@link CommentStorage.flag}. */
  flag(articleId: string, commentId: string, readerId: string, requester?: Requester): { hidden: boolean } {
    checkReader(readerId);
    const clientHash = this.#c.clientHash(requester?.client ?? null);
    return this.#c.tx.immediate(() => {
      if (!this.#c.hasArticle(articleId)) throw articleNotFound();
      const hidden = this.#sql.exists.get(commentId, articleId) as number | undefined;
      if (hidden === undefined) throw commentNotFound();
      if (hidden === 1) return { hidden: true };
      if (requester?.rate && clientHash !== null) this.#rates.checkAction(clientHash, requester.rate);
      this.#sql.flag.run(commentId, readerId, clientHash, this.#c.isoNow());
      if ((this.#sql.flaggers.get(commentId) as number) < this.#flagThreshold) return { hidden: false };
      this.#sql.hide.run(commentId);
      this.#sql.reported.run(commentId);
      return { hidden: true };
    });
  }
}
