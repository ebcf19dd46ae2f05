/**
 * Who is waiting for news of which key (an article, or a hash of its id):
 * the storages' side of `CommentStorage.watchEvents`. A notice that throws
 * is the watcher's bug and must not keep the others from hearing.
 */
export class NoticeBoard {
  readonly #watchers = new Map<string, Set<() => void>>();

  /** Calls `notice` on every {@link tell} of `key` until the returned function is called. */
  watch(key: string, notice: () => void): () => void {
    let set = this.#watchers.get(key);
    if (!set) this.#watchers.set(key, (set = new Set()));
    // Wrapped, so one function watching twice is two watchers, each stopped by its own call.
    const watcher = () => notice();
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.#watchers.get(key) === set) this.#watchers.delete(key);
    };
  }

  tell(key: string): void {
    for (const notice of this.#watchers.get(key) ?? []) call(notice);
  }

  /** Tells every key: after a gap in which news may have been missed. */
  tellAll(): void {
    for (const set of this.#watchers.values()) for (const notice of set) call(notice);
  }
}

function call(notice: () => void): void {
  try {
    notice();
  } catch {
    // See the module comment.
  }
}
