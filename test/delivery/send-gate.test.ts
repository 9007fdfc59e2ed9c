import { describe, expect, it } from 'vitest';
import { LocalSendGate } from '../../src/delivery/rate-limiter-local.ts';
import { SendTurnAborted, SendTurnTimeout } from '../../src/delivery/rate-limiter-types.ts';

/** grants in the order they came, with the gate's grant times */
async function grants(jobs: Array<Promise<number>>, labels: string[]) {
  const order: Array<{ label: string; at: number }> = [];
  await Promise.all(jobs.map((p, i) => p.then((at) => order.push({ label: labels[i]!, at }))));
  return order;
}

describe('the in-process send gate', () => {
  it('gives waiting replies the next turns; pushes fill the rest', async () => {
    const gate = new LocalSendGate({ rate: 20 });
    const pushes = Array.from({ length: 12 }, (_, i) => gate.acquire(1000 + i, 'push'));
    const replies = [gate.acquire(1, 'reply'), gate.acquire(2, 'reply')];
    const order = await grants([...pushes, ...replies], [...pushes.map(() => 'push'), 'reply', 'reply']);
    // the bucket lets one or two pushes through at once; the replies queued behind them go next
    const firstReply = order.findIndex((o) => o.label === 'reply');
    expect(firstReply).toBeLessThanOrEqual(2);
    expect(order.slice(firstReply, firstReply + 2).map((o) => o.label)).toEqual(['reply', 'reply']);
    await gate.close();
  });

  it('keeps a private chat to one message a second and a group to its window', async () => {
    const gate = new LocalSendGate({
      rate: 1000,
      chatLimits: { private: { max: 1, windowMs: 300 }, group: { max: 2, windowMs: 400 } },
    });
    const a = await gate.acquire(7, 'reply');
    const b = await gate.acquire(7, 'push');
    expect(b - a).toBeGreaterThanOrEqual(300);
    const g = [
      await gate.acquire(-5, 'push'),
      await gate.acquire(-5, 'push'),
      await gate.acquire(-5, 'push'),
    ];
    expect(g[2]! - g[0]!).toBeGreaterThanOrEqual(400);
    await gate.close();
  });

  it('holds the chat and every push for a retry_after; replies to other chats go on', async () => {
    const gate = new LocalSendGate({ rate: 1000, chatLimits: null });
    const t0 = Date.now();
    gate.onRetryAfter(0.4, 7);
    const [other, push, same] = await Promise.all([
      gate.acquire(8, 'reply'),
      gate.acquire(9, 'push'),
      gate.acquire(7, 'reply'),
    ]);
    expect(other).toBeLessThan(push);
    expect(push - t0).toBeGreaterThanOrEqual(400);
    expect(same - t0).toBeGreaterThanOrEqual(400);
    gate.onRetryAfter(0.3);
    const t1 = Date.now();
    expect((await gate.acquire(10, 'reply')) - t1).toBeGreaterThanOrEqual(250);
    await gate.close();
  });

  it('gives up after maxWaitMs, or when aborted, and the turn is not used', async () => {
    const gate = new LocalSendGate({ rate: 1000 });
    gate.onRetryAfter(60, 7);
    await expect(gate.acquire(7, 'reply', { maxWaitMs: 50 })).rejects.toBeInstanceOf(SendTurnTimeout);
    const stop = new AbortController();
    const waiting = gate.acquire(7, 'push', { signal: stop.signal });
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(SendTurnAborted);
    expect(gate.waiting).toBe(0);
    await gate.close();
  });
});
