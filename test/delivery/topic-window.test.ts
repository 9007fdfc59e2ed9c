import { describe, expect, it } from 'vitest';
import { LocalSendGate } from '../../src/delivery/rate-limiter-local.ts';
import { pushToTwoTopics, TOPIC_TEST_LIMITS } from '../support/topic-window.ts';

describe('forum topics and the send gate', () => {
  it('two topics of one group share the group window (local gate)', async () => {
    const gate = new LocalSendGate({ rate: Number.POSITIVE_INFINITY, chatLimits: TOPIC_TEST_LIMITS });
    const sent = await pushToTwoTopics(gate);
    await gate.close();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.threadId))).toEqual(new Set([11, 22]));
  });
});
