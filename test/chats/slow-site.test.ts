import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/bot-harness.ts';
import { command, privateChat, user } from '../support/updates.ts';

let h: Harness;
beforeAll(async () => {
  // a site timeout far beyond the test's own: only the short check for waiting users can finish
  h = await startHarness({ env: { FETCH_TIMEOUT: '120s' } });
});
afterAll(async () => {
  await h.close();
});

describe('a hanging site while a user waits', () => {
  it('the category-page check gives up quickly: the user gets an answer and nothing is subscribed', async () => {
    h.site.fault('/category/neverseenslug.html', 'hang');
    const erin = user(6301);
    const sent = await h.send(command(privateChat(erin), erin, 'sub', 'neverseenslug'));
    const reply = sent.find((m) => m.chatId === erin.id && m.method === 'sendMessage');
    expect(reply?.plainText).toContain('neverseenslug');
    expect((await h.deps.chats.get(erin.id))?.subscriptions ?? {}).toEqual({});
    expect(h.deps.registry.get('neverseenslug')).toBeUndefined();
  });

  it('an update without a chat is ignored quietly, counted as no error, and the bot keeps serving', async () => {
    const before = (await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0;
    h.fake.injectUpdate({ update_id: 0, message: { message_id: 1, date: 1, text: '/list' } } as never);
    const frank = user(6302);
    const sent = await h.send(command(privateChat(frank), frank, 'help'));
    expect(sent.some((m) => m.chatId === frank.id)).toBe(true);
    expect((await h.deps.metrics.updateErrors.get()).values[0]?.value ?? 0).toBe(before);
  });
});
