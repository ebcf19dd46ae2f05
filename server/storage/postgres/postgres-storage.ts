/**
 * The comments in PostgreSQL: {@link CommentStorage} over a pool of
 * node-postgres connections, one concern a module (threads, posting,
 * reactions, moderation, rate limits), for several server instances
 * sharing one database.
 *
 * No state lives in an instance: the rules that must hold across them are
 * constraints, row locks and advisory locks in the database (see each
 * module), the counts are kept by triggers, and the client salt is a row.
 * A database out of reach rejects calls with a `StorageUnavailableError`
 * (503, `Retry-After`) within the pool's timeouts, and the next calls
 * succeed once it is back, without reopening.
 */
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
import { Context } from './context.js';
import { latestSeq, readEvents, type EventListener } from './events.js';
import { Moderation } from './moderation.js';
import { Posting } from './posting.js';
import { Reactions } from './reactions.js';
import { Threads } from './threads.js';

/** Made by `openPostgresStorage`, which migrates the database first. */
export class PostgresStorage implements CommentStorage {
  readonly #context: Context;
  readonly #threads: Threads;
  readonly #posting: Posting;
  readonly #reactions: Reactions;
  readonly #moderation: Moderation;
  readonly #listener: EventListener;
  readonly #authors: Authors;
  readonly #review: Review;
  readonly #bans: Bans;
  readonly #log: AuditLog;

  constructor(context: Context, flagThreshold: number, listener: EventListener) {
    this.#context = context;
    this.#listener = listener;
    this.#threads = new Threads(context);
    this.#authors = new Authors(context);
    this.#log = new AuditLog(context);
    this.#review = new Review(context, this.#log);
    this.#bans = new Bans(context, this.#log);
    this.#posting = new Posting(context, this.#threads, this.#authors, this.#review, this.#bans);
    this.#reactions = new Reactions(context, flagThreshold);
    this.#moderation = new Moderation(context);
  }

  async addArticle(article: ArticleSeed): Promise<void> {
    return this.#posting.addArticle(article);
  }

  async hasArticle(articleId: string): Promise<boolean> {
    return this.#context.hasArticle(this.#context.db, articleId);
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

  async post(articleId: string, input: NewComment, requester?: Requester, screening?: Screening): Promise<PostResult> {
    return this.#posting.post(articleId, input, requester, screening);
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
    return this.#authors.edit(articleId, commentId, text, proof, requester);
  }

  async deleteOwn(
    articleId: string,
    commentId: string,
    proof: AuthorProof,
    requester?: Requester,
  ): Promise<DeleteResult> {
    return this.#authors.deleteOwn(articleId, commentId, proof, requester);
  }

  async ownComments(user: UserKey, ids: readonly string[]): Promise<Set<string>> {
    return this.#authors.ownComments(user, ids);
  }

  async readerData(user: UserKey): Promise<ReaderData | null> {
    return this.#authors.readerData(user);
  }

  async erase(user: UserKey): Promise<number> {
    return this.#authors.erase(user);
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
    return this.#review.decide(commentId, action, decision, moderator);
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
    return this.#review.setPremoderation(articleId, mode);
  }

  async events(articleId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return readEvents(this.#context.db, articleId, afterSeq, limit);
  }

  async latestSeq(articleId: string): Promise<number> {
    return latestSeq(this.#context.db, articleId);
  }

  /** Heard through this instance's listening connection, so posts through every instance are told. */
  watchEvents(articleId: string, notice: () => void): () => void {
    return this.#listener.watch(articleId, notice);
  }

  /** `SELECT 1` on a pooled connection: within the pool's timeouts, or a `StorageUnavailableError`. */
  async ping(): Promise<void> {
    await this.#context.db.query('SELECT 1');
  }

  /** Waits for the calls under way, then closes the pool; idempotent. */
  async close(): Promise<void> {
    await Promise.all([this.#listener.close(), this.#context.db.close()]);
  }
}
