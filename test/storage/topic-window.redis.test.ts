import { afterAll, describe, expect, it } from 'vitest';
import { RedisSendGate } from '../../src/storage/redis/rate-limiter.ts';
import { createTestRedis } from '../support/redis.ts';
import { pushToTwoTopics, TOPIC_TEST_LIMITS } from '../support/topic-window.ts';

const r = createTestRedis();
afterAll(async () => {
  await r.cleanup();
});

describe('forum topics and the Redis send gate', () => {
  it('two topics of one group share the group window (Redis gate)', async () => {
    const gate = new RedisSendGate({
      redis: r.connect(),
      prefix: r.prefix,
      rate: Number.POSITIVE_INFINITY,
      chatLimits: TOPIC_TEST_LIMITS,
    });
    const sent = await pushToTwoTopics(gate);
    await gate.close();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.threadId))).toEqual(new Set([11, 22]));
  });
});
