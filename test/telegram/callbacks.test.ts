import { describe, expect, it } from 'vitest';
import { createSigner } from '../../src/telegram/signing.ts';
import { buttons, type Harness, harnessPerTest } from '../support/bot-harness.ts';
import { callbackQuery, command, incompleteUpdate, privateChat, user } from '../support/updates.ts';

let h: Harness;
harnessPerTest((x) => {
  h = x;
});

const alice = user(4001);
const mallory = user(4002);

async function listWithButton() {
  await h.send(command(privateChat(alice), alice, 'sub', 'emnews sichuanribao'));
  const msg = (await h.send(command(privateChat(alice), alice, 'list'))).find(
    (s) => s.method === 'sendMessage',
  );
  const data = buttons(msg).find((b) => b.text.includes('emnews'))?.data ?? '';
  return { messageId: msg?.messageId ?? 0, data };
}

const answerOf = (sent: Awaited<ReturnType<Harness['send']>>) =>
  sent.find((s) => s.method === 'answerCallbackQuery')?.text ?? '';

describe('callback data', () => {
  it('every button we send fits in 64 bytes, long slugs and queries included', async () => {
    h.deps.registry.observe({ slug: 'x'.repeat(70), source: '很长的名字'.repeat(5), seenAt: 1 });
    await h.send(
      command(privateChat(alice), alice, 'categories', '很长的名字很长的名字很长的名字很长的名字'),
    );
    await h.send(command(privateChat(alice), alice, 'categories', 'x'.repeat(500)));
    await h.send(command(privateChat(alice), alice, 'settings'));
    // assertCleanOutput checks the sizes after each test
  });

  it('tampered data changes nothing and gets a polite answer', async () => {
    const { messageId, data } = await listWithButton();
    const forged = data.replace('emnews', 'sichuanribao');
    const sent = await h.send(callbackQuery(privateChat(alice), alice, forged, { messageId }));
    expect(answerOf(sent)).toContain('按钮已失效');
    for (const bad of ['unsub:emnews', 'unsub:emnews.AAAAAAAA', 'set:lang:en.zzzzzzzz', 'cat:t:', 'zzz']) {
      await h.send(callbackQuery(privateChat(alice), alice, bad, { messageId }));
    }
    expect(Object.keys((await h.deps.chats.get(alice.id))?.subscriptions ?? {}).sort()).toEqual([
      'emnews',
      'sichuanribao',
    ]);
  });

  it('a button replayed in another chat never acts there (or on the original chat)', async () => {
    const { messageId, data } = await listWithButton();
    await h.send(command(privateChat(mallory), mallory, 'sub', 'emnews'));
    const sent = await h.send(callbackQuery(privateChat(mallory), mallory, data, { messageId }));
    expect(answerOf(sent)).toContain('按钮已失效');
    expect(await h.deps.chats.subscribers('emnews')).toHaveLength(2);
  });

  it('data signed with another key is refused', async () => {
    const other = createSigner('someone-else').sign(alice.id, 'unsub:emnews');
    const { messageId } = await listWithButton();
    await h.send(callbackQuery(privateChat(alice), alice, other, { messageId }));
    expect(await h.deps.chats.subscribers('emnews')).toEqual([alice.id]);
  });

  it('a stale button (slug no longer subscribed) answers politely', async () => {
    const { messageId, data } = await listWithButton();
    await h.send(callbackQuery(privateChat(alice), alice, data, { messageId }));
    const again = await h.send(callbackQuery(privateChat(alice), alice, data, { messageId }));
    expect(answerOf(again)).toContain('按钮已失效');
  });

  it('callbacks without data or message are answered and ignored', async () => {
    await h.send(incompleteUpdate('callback-no-data', privateChat(alice), alice));
    await h.send(incompleteUpdate('callback-no-message', privateChat(alice), alice));
    expect(h.fake.unansweredCallbackQueries()).toEqual([]);
    expect(await h.deps.metrics.updateErrors.get()).toMatchObject({ values: [{ value: 0 }] });
  });
});
