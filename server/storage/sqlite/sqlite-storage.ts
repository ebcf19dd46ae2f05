/**
 * The comments in one SQLite file: {@link CommentStorage} over
 * better-sqlite3, one concern a module (threads, posting, reactions,
 * moderation, rate limits), with posts that arrive together sharing one
 * commit (`group-commit.ts`).
 *
 * Several server processes may share one database file, so nothing here
 * trusts memory: one comment per idempotency key, one recommendation and one
 * flag per reader are UNIQUE constraints, the rate limits count rows, and
 * every read-then-write runs in a `BEGIN IMMEDIATE` transaction that other
 * writers wait for (`busy_timeout`) instead of failing.
 */
import type Database from 'better-sqlite3';
import type {
  Comment,
  CommentPage,
  DeleteResult,
  NewComment,
  ReaderData,
  ReplyPage,
} from '../../../src/model/comments/contract.js';
import type {
  ArticleSeed,
  AuthorProof,
  CommentStorage,
  ListOptions,
  ModerationItem,
  PostResult,
  RepliesOptions,
  Requester,
  SeedComment,
  StoredEvent,
  UserKey,
} from '../storage.js';
import { NoticeBoard } from '../notice-board.js';
import { Authors } from './authors.js';
import { AuditLog } from './audit-log.js';
import { Bans } from './bans.js';
import { Review } from './review.js';
import type { BanTarget, HeldAuthor, LogPageOptions, QueueOptions, Screening } from '../review.js';
import type {
  AuditPage,
  BanPage,
  BanRequest,
  BanResult,
  Decision,
  ModeratedComment,
  ModerationAction,
  ModerationCounts,
  ModerationPage,
  Moderator,
  Premoderation,
} from '../../../src/model/comments/moderation.js';
import { Connection } from './connection.js';
import { Events } from './events.js';
import { PostBatcher, type PostBatcherOptions } from './group-commit.js';
import { Moderation } from './moderation.js';
import { Posting, type PendingPost, type PostOutcome } from './posting.js';
import { RateLimits } from './rate-limits.js';
import { Reactions } from './reactions.js';
import { Threads } from './threads.js';

interface Settings extends PostBatcherOptions {
  readonly now: () => number;
  readonly newId: () => string;
  readonly flagThreshold: number;
}

/** Made by `openSqliteStorage`, which opens and migrates the file first. */
export class SqliteStorage implements CommentStorage {
  readonly #db: Database.Database;
  readonly #threads: Threads;
  readonly #posting: Posting;
  readonly #reactions: Reactions;
  readonly #moderation: Moderation;
  readonly #connection: Connection;
  readonly #batcher: PostBatcher;
  readonly #events: Events;
  readonly #authors: Authors;
  readonly #review: Review;
  readonly #bans: Bans;
  readonly #log: AuditLog;
  readonly #board = new NoticeBoard();

  constructor(db: Database.Database, settings: Settings) {
    this.#db = db;
    const connection = new Connection(db, settings.now, settings.newId);
    const rates = new RateLimits(connection);
    this.#connection = connection;
    this.#threads = new Threads(connection);
    this.#authors = new Authors(connection, rates);
    this.#log = new AuditLog(connection);
    this.#review = new Review(connection, this.#log);
    this.#bans = new Bans(connection, this.#log);
    this.#posting = new Posting(connection, this.#threads, rates, this.#authors, this.#review, this.#bans);
    this.#reactions = new Reactions(connection, this.#threads, rates, settings.flagThreshold);
    this.#moderation = new Moderation(connection);
    this.#events = new Events(connection);
    this.#batcher = new PostBatcher((posts) => this.postMany(posts), settings);
  }

  /** The database file. */
  get path(): string {
    return this.#db.name;
  }

  async addArticle(article: ArticleSeed): Promise<void> {
    this.#posting.addArticle(article);
  }

  async hasArticle(articleId: string): Promise<boolean> {
    return this.#connection.hasArticle(articleId);
  }

  async count(articleId: string): Promise<number> {
    return this.#threads.count(articleId);
  }

  async list(articleId: string, options?: ListOptions): Promise<CommentPage> {
    return this.#threads.list(articleId, options);
  }

  async replies(articleId: string, threadId: string, options?: RepliesOptions): Promise<ReplyPage> {
    return this.#threads.replies(articleId, threadId, options);
  }

  /** Queued for the next group commit: resolves once the batch holding it committed, and then tells the article's watchers. */
  async post(articleId: string, input: NewComment, requester?: Requester, screening?: Screening): Promise<PostResult> {
    const result = await this.#batcher.post({ articleId, input, requester, screening });
    if (result.created && result.comment.status === undefined) this.#board.tell(articleId);
    return result;
  }

  /**
   * Several posts in one transaction and one commit, each with its own
   * outcome; what the group commit runs. See {@link Posting.postMany}.
   */
  postMany(posts: readonly PendingPost[]): PostOutcome[] {
    return this.#posting.postMany(posts);
  }

  async recommend(articleId: string, commentId: string, readerId: string, requester?: Requester): Promise<number> {
    return this.#reactions.recommend(articleId, commentId, readerId, requester);
  }

  async flag(
    articleId: string,
    commentId: string,
    readerId: string,
    requester?: Requester,
  ): Promise<{ hidden: boolean }> {
    return this.#reactions.flag(articleId, commentId, readerId, requester);
  }

  async insertMany(articleId: string, comments: readonly SeedComment[]): Promise<Comment[]> {
    return this.#posting.insertMany(articleId, comments);
  }

  async moderationQueue(): Promise<ModerationItem[]> {
    return this.#moderation.queue();
  }

  async restore(commentId: string): Promise<boolean> {
    return this.#moderation.restore(commentId);
  }

  async remove(commentId: string): Promise<boolean> {
    return this.#moderation.remove(commentId);
  }

  async edit(
    articleId: string,
    commentId: string,
    text: string,
    proof: AuthorProof,
    requester?: Requester,
  ): Promise<Comment> {
    const comment = this.#authors.edit(articleId, commentId, text, proof, requester);
    this.#board.tell(articleId);
    return comment;
  }

  async deleteOwn(
    articleId: string,
    commentId: string,
    proof: AuthorProof,
    requester?: Requester,
  ): Promise<DeleteResult> {
    const result = this.#authors.deleteOwn(articleId, commentId, proof, requester);
    this.#board.tell(articleId);
    return result;
  }

  async ownComments(user: UserKey, ids: readonly string[]): Promise<Set<string>> {
    return this.#authors.ownComments(user, ids);
  }

  async readerData(user: UserKey): Promise<ReaderData | null> {
    return this.#authors.readerData(user);
  }

  /** Tells every article's watchers: the user's comments may have been anywhere. */
  async erase(user: UserKey): Promise<number> {
    const erased = this.#authors.erase(user);
    if (erased > 0) this.#board.tellAll();
    return erased;
  }

  async queue(options: QueueOptions): Promise<ModerationPage> {
    return this.#review.queue(options);
  }

  async queueCounts(article?: string): Promise<ModerationCounts> {
    return this.#review.queueCounts(article);
  }

  async decide(
    commentId: string,
    action: ModerationAction,
    decision: Decision,
    moderator: Moderator,
  ): Promise<ModeratedComment> {
    const comment = this.#review.decide(commentId, action, decision, moderator);
    this.#board.tell(comment.articleId);
    return comment;
  }

  async heldFor(author: HeldAuthor, articleId: string): Promise<Comment[]> {
    return this.#review.heldFor(author, articleId);
  }

  async ban(target: BanTarget, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    return this.#bans.ban(target, request, moderator);
  }

  async unban(user: UserKey, request: BanRequest, moderator: Moderator): Promise<BanResult> {
    return this.#bans.unban(user, request, moderator);
  }

  async bannedAccounts(site: string, options?: LogPageOptions): Promise<BanPage> {
    return this.#bans.bannedAccounts(site, options);
  }

  async auditLog(options?: { cursor?: string; limit?: number }): Promise<AuditPage> {
    return this.#log.page(options);
  }

  async setPremoderation(articleId: string, mode: Premoderation | null): Promise<void> {
    this.#review.setPremoderation(articleId, mode);
  }

  async events(articleId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.#events.read(articleId, afterSeq, limit);
  }

  async latestSeq(articleId: string): Promise<number> {
    return this.#events.latest(articleId);
  }

  /** In-process: see `events.ts` for what another process on the same file hears. */
  watchEvents(articleId: string, notice: () => void): () => void {
    return this.#board.watch(articleId, notice);
  }

  /** Reads a row of the file, so a file gone unreadable fails it, not only a closed handle. */
  async ping(): Promise<void> {
    this.#connection.statement('ping', () => 'SELECT 1 FROM meta LIMIT 1').get();
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#batcher.flushAll();
    this.#db.close();
  }
}
