import type { Update } from 'telegraf/types';
import { ApiFailure } from './errors.ts';

export const CONFLICT_OTHER_POLLER =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';

interface Waiter {
  wake: () => void;
  conflict: () => void;
}

/** Telegram's update queue: updates stay until a getUpdates offset confirms them. */
export class UpdateQueue {
  private queue: Update[] = [];
  private nextId = 100_000;
  private waiter: Waiter | undefined;
  private allowed: string[] | undefined;
  /** every update ever injected, in order (confirmed ones too) */
  readonly history: Update[] = [];

  assignId(update: Update): Update {
    if (!update.update_id) update.update_id = this.nextId++;
    else this.nextId = Math.max(this.nextId, update.update_id + 1);
    return update;
  }

  push(update: Update): void {
    this.history.push(update);
    this.queue.push(update);
    this.waiter?.wake();
  }

  /** Updates not yet confirmed by an offset. */
  get pending(): readonly Update[] {
    return this.queue;
  }

  private take(offset: number, limit: number): Update[] {
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    if (this.allowed && this.allowed.length > 0) {
      const allowed = this.allowed;
      this.queue = this.queue.filter((u) =>
        Object.keys(u).some((k) => k !== 'update_id' && allowed.includes(k)),
      );
    }
    return this.queue.slice(0, limit);
  }

  /**
   * getUpdates: answers at once when updates are waiting, otherwise holds the request up to
   * `timeout` seconds (capped by `maxHoldMs` to keep tests quick). A second poller ends the
   * first with 409, as Telegram does.
   */
  async poll(
    params: { offset?: unknown; limit?: unknown; timeout?: unknown; allowed_updates?: unknown },
    maxHoldMs: number,
    signal: AbortSignal,
  ): Promise<Update[]> {
    const offset = Number(params.offset ?? 0) || 0;
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
    const timeoutMs = Math.max(0, Number(params.timeout ?? 0) || 0) * 1000;
    if (Array.isArray(params.allowed_updates)) this.allowed = params.allowed_updates.map(String);
    this.waiter?.conflict();
    const ready = this.take(offset, limit);
    if (ready.length > 0 || timeoutMs === 0) return ready;
    await new Promise<void>((resolve, reject) => {
      const finish = (error?: ApiFailure) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => finish();
      const waiter: Waiter = {
        wake: () => finish(),
        conflict: () => finish(new ApiFailure(409, CONFLICT_OTHER_POLLER, 'state')),
      };
      const timer = setTimeout(() => finish(), Math.min(timeoutMs, maxHoldMs));
      this.waiter = waiter;
      signal.addEventListener('abort', onAbort);
    });
    return this.take(offset, limit);
  }

  /** Ends a held getUpdates (on close or reset). */
  release(): void {
    this.waiter?.wake();
  }

  reset(): void {
    this.release();
    this.queue = [];
    this.history.length = 0;
    this.allowed = undefined;
  }
}
