import {
  type AcquireOptions,
  type SendPriority,
  SendTurnAborted,
  SendTurnTimeout,
} from './rate-limiter-types.ts';

/**
 * What one attempt at a turn found: granted, or how long to wait and whether only this chat is
 * blocked ('chat': others may still go) or everybody behind it is ('all': global rate or pause).
 */
export type Take = { ok: true; at: number } | { ok: false; waitMs: number; scope: 'chat' | 'all' };

interface Waiter {
  chatId: number;
  priority: SendPriority;
  resolve: (at: number) => void;
  reject: (err: Error) => void;
  cleanup: () => void;
}

/**
 * Waiters in priority order (replies, then pushes, each first come first served) and one pump
 * that hands out turns through `take`. The pump stops at the first waiter blocked for everyone,
 * so a push never jumps a reply that waits for the global rate.
 */
export class TurnQueue {
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly take: (chatId: number, priority: SendPriority) => Take | Promise<Take>,
    private readonly onError: (err: unknown) => void,
  ) {}

  get size(): number {
    return this.waiters.length;
  }

  enqueue(chatId: number, priority: SendPriority, opts: AcquireOptions = {}): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new SendTurnAborted(chatId));
      let timeout: NodeJS.Timeout | undefined;
      const onAbort = () => this.drop(w, new SendTurnAborted(chatId));
      const w: Waiter = {
        chatId,
        priority,
        resolve,
        reject,
        cleanup: () => {
          if (timeout) clearTimeout(timeout);
          opts.signal?.removeEventListener('abort', onAbort);
        },
      };
      if (opts.maxWaitMs !== undefined) {
        const ms = opts.maxWaitMs;
        timeout = setTimeout(() => this.drop(w, new SendTurnTimeout(chatId, ms)), ms);
      }
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const firstPush = this.waiters.findIndex((x) => x.priority === 'push');
      if (priority === 'reply' && firstPush >= 0) this.waiters.splice(firstPush, 0, w);
      else this.waiters.push(w);
      this.kick();
    });
  }

  /** look again now (a new waiter, or the state behind `take` changed) */
  kick(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump();
  }

  /** rejects every waiter (the gate closes) */
  clear(err: Error): void {
    for (const w of this.waiters.splice(0)) {
      w.cleanup();
      w.reject(err);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drop(w: Waiter, err: Error): void {
    const i = this.waiters.indexOf(w);
    if (i < 0) return;
    this.waiters.splice(i, 1);
    w.cleanup();
    w.reject(err);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    let wait = Number.POSITIVE_INFINITY;
    try {
      do {
        this.again = false;
        wait = Number.POSITIVE_INFINITY;
        for (const w of [...this.waiters]) {
          if (!this.waiters.includes(w)) continue;
          const r = await this.take(w.chatId, w.priority);
          if (r.ok) {
            // it may have timed out while we asked; the turn is then simply unused
            const i = this.waiters.indexOf(w);
            if (i < 0) continue;
            this.waiters.splice(i, 1);
            w.cleanup();
            w.resolve(r.at);
            continue;
          }
          wait = Math.min(wait, r.waitMs);
          if (r.scope === 'all') break;
        }
      } while (this.again);
    } catch (err) {
      // a Redis hiccup: try again shortly rather than strand the waiters
      this.onError(err);
      wait = 200;
    } finally {
      this.pumping = false;
    }
    if (this.waiters.length && !this.timer) {
      const ms = Number.isFinite(wait) ? Math.max(1, Math.ceil(wait)) : 50;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, ms);
    }
  }
}
