/**
 * Serializes async critical sections per key inside one process, so two quick commands for
 * the same chat (or two chats touching the same reverse index) never lose each other's write.
 */
/** `run` over several keys, nested in sorted order (any lock with a `run` gets `runMany` so). */
export function inOrder<T>(
  lock: { run<R>(key: string, fn: () => Promise<R>): Promise<R> },
  keys: readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const step = (i: number): Promise<T> => {
    const key = sorted[i];
    return key === undefined ? fn() : lock.run(key, () => step(i + 1));
  };
  return step(0);
}

export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** holds several keys at once, always taken in sorted order so two callers never deadlock */
  runMany<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    return inOrder(this, keys, fn);
  }

  get size(): number {
    return this.tails.size;
  }
}
