/**
 * A moderators' API for the `<news-moderation>` stories, kept in memory and
 * built the same on every visit: no server and no network. Decisions really
 * move comments between the queues, a stale one is refused as the server
 * refuses it (409, with the comment as it is now), and a ban is answered as
 * the server answers it. Authors and texts are obvious placeholders.
 */
import type {
  AccountBan,
  BanPage,
  BanRequest,
  BanResult,
  Decision,
  ModeratedComment,
  ModerationCounts,
  ModerationPage,
  Queue,
} from '../../src/model/comments/moderation.js';
import { QUEUES } from '../../src/model/comments/moderation.js';
import {
  ModerationError,
  type DecisionPath,
  type ModerationApi,
  type QueueRequest,
} from '../../src/news-moderation/news-moderation.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PAGE = 20;

type Held = Partial<ModeratedComment> & Pick<ModeratedComment, 'author' | 'text' | 'reasons'>;

/** Held comments with each reason the screening gives, a banned word among them, oldest first. */
export const HELD: readonly Held[] = [
  {
    author: 'Placeholder reader 1',
    text: 'Placeholder comment with a banned phrase: ＢＵＹ ＮＯＷ, and buy now again.',
    reasons: [{ code: 'banned_word', detail: 'buy now' }, { code: 'first_time' }],
  },
  {
    author: 'Placeholder reader 2',
    text: 'Placeholder comment with links: https://example.com/one https://example.com/two https://example.com/three',
    reasons: [{ code: 'links', detail: '3' }],
    userSub: 'placeholder-2',
  },
  {
    author: 'Placeholder reader 3',
    text: 'Placeholder reply, held because every comment on this article is reviewed.',
    reasons: [{ code: 'premoderation' }],
    parent: {
      id: 'story-parent',
      parentId: null,
      author: 'Placeholder reader 4',
      text: 'Placeholder comment it answers.',
      createdAt: new Date(Date.now() - 2 * DAY).toISOString(),
      recommends: 3,
    },
    history: { approved: 4, rejected: 1 },
    userSub: 'placeholder-3',
  },
  {
    author: 'Placeholder reader 5',
    text: 'Placeholder comment that readers flagged.',
    reasons: [{ code: 'reported' }],
    status: 'published',
    flags: 3,
    userSub: 'placeholder-5',
  },
];

/** The comments `held` describes, on article `article`, a few minutes apart. */
export function placeholderQueue(held: readonly Held[] = HELD, article = 'story-article'): ModeratedComment[] {
  const now = Date.now();
  return held.map((each, index) => ({
    id: `story-held-${index + 1}`,
    parentId: each.parent ? each.parent.id : null,
    createdAt: new Date(now - (held.length - index) * 7 * MINUTE).toISOString(),
    recommends: 0,
    articleId: article,
    status: 'pending',
    version: 1,
    flags: 0,
    parent: null,
    history: { approved: 0, rejected: 0 },
    userSub: null,
    ...each,
  }));
}

/** Which queue shows a comment: the reported one, any comment readers flagged that is not rejected. */
const inQueue = (queue: Queue, comment: ModeratedComment): boolean =>
  queue === 'reported'
    ? comment.flags > 0 && comment.status !== 'rejected'
    : comment.status === { pending: 'pending', approved: 'published', rejected: 'rejected' }[queue];

export class MemoryModeration implements ModerationApi {
  readonly #comments: ModeratedComment[];
  /** The accounts banned here, by id, in the order banned. */
  readonly #bans = new Map<string, AccountBan>();

  constructor(comments: readonly ModeratedComment[] = placeholderQueue()) {
    this.#comments = [...comments];
  }

  async queue(queue: Queue, { article, order = 'oldest', cursor }: QueueRequest = {}): Promise<ModerationPage> {
    const shown = this.#comments.filter((each) => inQueue(queue, each) && (!article || each.articleId === article));
    if (order === 'newest') shown.reverse();
    const from = Number(cursor ?? 0);
    return {
      comments: shown.slice(from, from + PAGE),
      nextCursor: from + PAGE < shown.length ? String(from + PAGE) : null,
    };
  }

  async counts({ article }: { article?: string | undefined } = {}): Promise<ModerationCounts> {
    const mine = this.#comments.filter((each) => !article || each.articleId === article);
    return Object.fromEntries(
      QUEUES.map((queue) => [queue, mine.filter((each) => inQueue(queue, each)).length]),
    ) as ModerationCounts;
  }

  async decide(id: string, path: DecisionPath, decision: Decision): Promise<ModeratedComment> {
    const index = this.#comments.findIndex((each) => each.id === id);
    const comment = this.#comments[index];
    if (!comment)
      throw new ModerationError('This comment no longer exists: its author deleted it.', 'comment_not_found');
    if (decision.version !== undefined && decision.version !== comment.version) {
      throw new ModerationError('The comment changed since.', 'conflict', comment);
    }
    const statuses = { approve: 'published', reject: 'rejected', restore: 'pending', feature: comment.status } as const;
    const featured = path === 'feature' ? decision.featured !== false : path !== 'reject' && comment.featured === true;
    const { featured: _was, ...rest } = comment;
    const decided: ModeratedComment = {
      ...rest,
      status: statuses[path],
      version: comment.version + 1,
      reasons: path === 'restore' ? comment.reasons : [],
      // An approval or rejection answers readers' flags.
      flags: path === 'approve' || path === 'reject' ? 0 : comment.flags,
      ...(featured && { featured: true }),
    };
    this.#comments[index] = decided;
    return decided;
  }

  async banAuthor(id: string, { days }: BanRequest): Promise<BanResult> {
    const comment = this.#comments.find((each) => each.id === id);
    if (!comment)
      throw new ModerationError('This comment no longer exists: its author deleted it.', 'comment_not_found');
    if (comment.userSub === null && days === undefined) {
      throw new ModerationError('an author who was not signed in is banned for 1 to 365 days', 'validation_failed');
    }
    const until = days === undefined ? null : new Date(Date.now() + days * DAY).toISOString();
    if (comment.userSub !== null) {
      this.#bans.set(comment.userSub, {
        sub: comment.userSub,
        name: comment.author,
        since: new Date().toISOString(),
        until,
      });
    }
    return {
      banned: true,
      target: comment.userSub === null ? { kind: 'client' } : { kind: 'user', sub: comment.userSub },
      until,
    };
  }

  async bans(): Promise<BanPage> {
    return { bans: [...this.#bans.values()].reverse(), nextCursor: null };
  }

  async unban(sub: string): Promise<BanResult> {
    this.#bans.delete(sub);
    return { banned: false, target: { kind: 'user', sub }, until: null };
  }
}
