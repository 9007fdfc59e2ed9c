import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

const carol = user(6201);
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('replies under a flood wait', () => {
  it('a short retry_after is waited out: the answer arrives once, after the window', async () => {
    h.fake.floodWait(1, carol.id);
    const sent = await h.send(command(privateChat(carol), carol, 'help'));
    const answers = sent.filter((m) => m.method === 'sendMessage' && m.chatId === carol.id);
    expect(answers).toHaveLength(1);
    expect(h.fake.violations()).toHaveLength(0);
    expect(h.fake.retryAfters().length).toBeGreaterThan(0);
  });

  it('a long one is not waited for: logged and counted, the bot keeps serving', async () => {
    h.fake.floodWait(60, carol.id);
    const before = (await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0;
    const sent = await h.send(command(privateChat(carol), carol, 'help'));
    expect(sent.filter((m) => m.chatId === carol.id && m.method === 'sendMessage')).toHaveLength(0);
    expect((await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0).toBeGreaterThan(before);
    const dave = user(6202);
    const other = await h.send(command(privateChat(dave), dave, 'help'));
    expect(other.filter((m) => m.chatId === dave.id && m.method === 'sendMessage')).toHaveLength(1);
  });
});
