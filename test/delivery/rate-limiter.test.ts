import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { ChatLimiter, TokenBucket } from '../../src/delivery/rate-limiter.ts';
import { backoffMs, classifySendError } from '../../src/delivery/send-errors.ts';

describe('token bucket (global SEND_RATE)', () => {
  it('never lets more than rate + burst through in any second', () => {
    const b = new TokenBucket(25, 0);
    const sent: number[] = [];
    // a sender that asks every millisecond for 10 s
    for (let t = 0; t < 10_000; t++) {
      if (b.waitMs(t) === 0) {
        b.take(t);
        sent.push(t);
      }
    }
    for (let start = 0; start < 9_000; start += 50) {
      const n = sent.filter((t) => t >= start && t < start + 1000).length;
      expect(n).toBeLessThanOrEqual(25 + b.burst);
    }
    expect(sent.length).toBeGreaterThanOrEqual(249);
  });

  it('is unlimited for Infinity', () => {
    const b = new TokenBucket(Number.POSITIVE_INFINITY, 0);
    for (let i = 0; i < 1000; i++) b.take(0);
    expect(b.waitMs(0)).toBe(0);
  });
});

describe('per-chat windows', () => {
  it('allows 20 per minute in a group and 1 per second in a private chat, and honours pauses', () => {
    const l = new ChatLimiter();
    for (let i = 0; i < 20; i++) {
      expect(l.readyAt(-100, 'supergroup', i * 10)).toBeLessThanOrEqual(i * 10);
      l.record(-100, i * 10);
    }
    expect(l.remaining(-100, 'supergroup', 200)).toBe(0);
    expect(l.readyAt(-100, 'channel', 200)).toBe(60_001);
    l.record(7, 0);
    expect(l.readyAt(7, 'private', 10)).toBe(1001);
    expect(l.readyAt(7, 'private', 1001)).toBe(0);
    l.pause(7, 5000);
    expect(l.readyAt(7, 'private', 2000)).toBe(5000);
    l.sweep(120_000);
    expect(l.remaining(-100, 'group', 120_000)).toBe(20);
  });
});

describe('send errors', () => {
  const tg = (error_code: number, description: string, parameters?: object) =>
    new TelegramError({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) } as never);
  it("sorts telegraf's errors and network errors into what to do", () => {
    expect(classifySendError(tg(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toMatchObject({
      kind: 'rate',
      retryAfterMs: 7000,
    });
    expect(classifySendError(tg(403, 'Forbidden: bot was blocked by the user')).kind).toBe('blocked');
    expect(classifySendError(tg(400, 'Bad Request: chat not found')).kind).toBe('blocked');
    // a deleted forum topic stops that topic only, never the group
    expect(classifySendError(tg(400, 'Bad Request: message thread not found')).kind).toBe('thread-gone');
    expect(
      classifySendError(tg(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 })),
    ).toMatchObject({ kind: 'migrated', toChatId: -100123 });
    expect(classifySendError(tg(400, "Bad Request: can't parse entities: x")).kind).toBe('parse');
    expect(classifySendError(tg(502, 'Bad Gateway')).kind).toBe('transient');
    expect(classifySendError(tg(401, 'Unauthorized')).kind).toBe('fatal');
    expect(classifySendError(tg(400, 'Bad Request: message is too long')).kind).toBe('rejected');
    expect(classifySendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).kind).toBe(
      'transient',
    );
    expect(classifySendError(new DOMException('timeout', 'TimeoutError')).kind).toBe('transient');
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
