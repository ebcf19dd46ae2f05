/**
 * A store for the story of `<news-comments live>`: comments in memory, and
 * an events stream made up on the spot (a `data:` URL, so no server): two
 * placeholder comments by other readers, a reply to a thread shown whole,
 * and an edit. Resumed after its last event, the stream has nothing more.
 */
import { COMMENT_EVENTS, type Comment, type CommentEventKind } from '../../src/model/comments/contract.js';
import type { LocalStore } from '../../src/stores/local-store.js';
import type { CallOptions, CommentStore, ListOptions, RepliesOptions } from '../../src/stores/store.js';
import type { NewComment } from '../../src/model/comments/contract.js';

const frame = (n: number, kind: CommentEventKind, comment: Comment) =>
  `id: story-event-${n}\nevent: ${COMMENT_EVENTS[kind]}\ndata: ${JSON.stringify(comment)}\n\n`;

const stream = (frames: string) => `data:text/event-stream,${encodeURIComponent(frames)}`;

export class LiveStoryStore implements CommentStore {
  readonly kind = 'remote';
  readonly #inner: LocalStore;

  constructor(inner: LocalStore) {
    this.#inner = inner;
  }

  list(articleId: string, options: ListOptions) {
    return this.#inner.list(articleId, options);
  }
  replies(articleId: string, threadId: string, options?: RepliesOptions) {
    return this.#inner.replies(articleId, threadId, options);
  }
  count(articleId: string, options?: CallOptions) {
    return this.#inner.count(articleId, options);
  }
  post(articleId: string, comment: NewComment, options?: CallOptions) {
    return this.#inner.post(articleId, comment, options);
  }
  recommend(articleId: string, commentId: string, readerId: string, options?: CallOptions) {
    return this.#inner.recommend(articleId, commentId, readerId, options);
  }
  flag(articleId: string, commentId: string, readerId: string, options?: CallOptions) {
    return this.#inner.flag(articleId, commentId, readerId, options);
  }

  async eventsUrl(articleId: string, after?: string): Promise<string> {
    if (after) return stream('');
    const { threads } = await this.#inner.list(articleId, { sort: 'newest' });
    const whole = threads.find((thread) => thread.repliesNextCursor === null);
    const edited = threads.find((thread) => thread !== whole);
    const now = Date.now();
    const comment = (n: number, parentId: string | null = null): Comment => ({
      id: `story-live-${n}`,
      parentId,
      author: `Placeholder reader ${40 + n}`,
      text: parentId ? `Placeholder reply ${n}, posted just now.` : `Placeholder comment ${n}, posted just now.`,
      createdAt: new Date(now - (3 - n) * 1000).toISOString(),
      recommends: 0,
    });
    const frames = [
      frame(1, 'published', comment(1)),
      whole ? frame(2, 'published', comment(2, whole.id)) : '',
      frame(3, 'published', comment(3)),
      edited
        ? frame(4, 'edited', { ...edited, text: `${edited.text} (Edited: a placeholder correction.)`, edited: true })
        : '',
    ];
    return stream(frames.join(''));
  }
}
