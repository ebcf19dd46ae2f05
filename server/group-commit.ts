/**
 * Group commit for posts: the posts that arrive together share one
 * transaction and so one fsync.
 *
 * With `synchronous = FULL` each commit waits for the disk, and that wait,
 * not the SQL, is what a post costs. better-sqlite3 is synchronous, so while
 * a commit waits the event loop is blocked and new requests queue up in the
 * sockets; they are all read in the next turn of the loop. Each post is
 * queued here and a flush is scheduled with `setImmediate`, which runs after
 * that turn has read every request that was ready: the posts that arrived
 * while the last commit was in flight go into the next one together. When
 * posts are few a flush holds just one, in the turn that read it (the check
 * phase follows the poll phase), so nothing waits for a timer.
 *
 * A promise resolves only after the transaction holding its post committed,
 * so a 201 still means the comment is on disk. Every rule is the store's,
 * checked per post inside the transaction ({@link CommentsDb.postMany}), so
 * it holds within a batch, across batches and across processes.
 */
import type { Comment, NewComment } from '../src/model/comments/contract.js';
import type { CommentsDb, PendingPost, RateLimit } from './db.js';

export interface PostBatcherOptions {
  /** Most posts in one transaction; more wait for the next. Default 256. */
  readonly maxBatch?: number;
}

interface Waiting {
  readonly post: PendingPost;
  readonly resolve: (value: { comment: Comment; created: boolean }) => void;
  readonly reject: (error: unknown) => void;
}

/** Queues posts and commits them in batches; see the module comment. */
export class PostBatcher {
  readonly #db: CommentsDb;
  readonly #maxBatch: number;
  #queue: Waiting[] = [];
  #scheduled = false;

  constructor(db: CommentsDb, options: PostBatcherOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  /**
   * Like {@link CommentsDb.post}, but resolves once the batch holding the
   * post committed; rejects with the post's own error, or with the batch's.
   */
  post(
    articleId: string,
    input: NewComment,
    clientHash: string | null = null,
    rate?: RateLimit,
  ): Promise<{ comment: Comment; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ post: { articleId, input, clientHash, rate }, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue.splice(0, this.#maxBatch);
    if (this.#queue.length > 0) this.#schedule();
    if (batch.length === 0) return;
    let outcomes;
    try {
      outcomes = this.#db.postMany(batch.map((waiting) => waiting.post));
    } catch (error) {
      // Rolled back as a whole: none of these posts is stored.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
