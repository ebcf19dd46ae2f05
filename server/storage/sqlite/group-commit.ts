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
 * checked per post inside the transaction ({@link Posting.postMany}), so
 * it holds within a batch, across batches and across processes.
 */
import type { PendingPost, PostOutcome } from './posting.js';
import type { PostResult } from '../storage.js';

export interface PostBatcherOptions {
  /** Most posts in one transaction; more wait for the next. Default 256. */
  readonly maxBatch?: number;
}

/** Commits posts in one transaction, each with its own outcome: {@link Posting.postMany}. */
export type CommitPosts = (posts: readonly PendingPost[]) => PostOutcome[];

interface Waiting {
  readonly post: PendingPost;
  readonly resolve: (value: PostResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Queues posts and commits them in batches; see the module comment. */
export class PostBatcher {
  readonly #commit: CommitPosts;
  readonly #maxBatch: number;
  #queue: Waiting[] = [];
  #scheduled = false;

  constructor(commit: CommitPosts, options: PostBatcherOptions = {}) {
    this.#commit = commit;
    this.#maxBatch = options.maxBatch ?? 256;
  }

  /**
   * Queues a post; resolves once the batch holding it committed, rejects
   * with the post's own error, or with the batch's.
   */
  post(post: PendingPost): Promise<PostResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ post, resolve, reject });
      this.#schedule();
    });
  }

  /** Commits every post queued now, at once: before the database closes. */
  flushAll(): void {
    while (this.#queue.length > 0) this.#flush();
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
      outcomes = this.#commit(batch.map((waiting) => waiting.post));
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
