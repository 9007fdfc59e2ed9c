import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertCleanOutput, buttons, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import {
  botAdded,
  botRemoved,
  channelChat,
  channelPost,
  command,
  groupChat,
  privateChat,
  user,
} from '../support/updates.ts';

let h: Harness;
const owner = user(3001, { firstName: 'Owner' });
const stranger = user(3002);
const CH = -1001234567890;

beforeEach(async () => {
  h = await startHarness();
  h.fake.addChat({
    id: CH,
    type: 'channel',
    title: 'Finance <Daily>',
    username: 'fin_daily',
    admins: [{ userId: owner.id, status: 'creator' }],
    bot: { status: 'administrator', canPostMessages: true },
  });
});
afterEach(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

const dm = (from: typeof owner, name: string, args: string) => command(privateChat(from), from, name, args);
const subs = async () => Object.keys((await h.deps.chats.get(CH))?.subscriptions ?? {}).sort();

describe('channels managed from a private chat', () => {
  it('an admin subscribes, lists and unsubscribes a channel by @name or id', async () => {
    const added = texts(await h.send(dm(owner, 'sub', '@fin_daily sichuanribao 东财滚动'))).join('\n');
    expect(added).toContain('Finance <Daily>');
    expect(added).toContain('已订阅');
    expect(await subs()).toEqual(['emnews', 'sichuanribao']);
    expect((await h.deps.chats.get(CH))?.kind).toBe('channel');
    expect((await h.deps.chats.get(owner.id))?.subscriptions ?? {}).toEqual({});
    const list = (await h.send(dm(owner, 'list', String(CH)))).find((s) => s.method === 'sendMessage');
    expect(list?.plainText).toContain('四川日报 (sichuanribao)');
    // buttons would act on the private chat they are shown in: none for a channel's list
    expect(buttons(list)).toEqual([]);
    await h.send(dm(owner, 'unsub', '@fin_daily emnews'));
    expect(await subs()).toEqual(['sichuanribao']);
  });

  it('refuses users who are not channel admins, and channels where the bot cannot post', async () => {
    expect(texts(await h.send(dm(stranger, 'sub', '@fin_daily emnews'))).join('')).toContain('不是');
    expect(texts(await h.send(dm(stranger, 'list', '@fin_daily'))).join('')).toContain('不是');
    expect(await subs()).toEqual([]);
    h.fake.setBotMembership(CH, 'member', false);
    expect(texts(await h.send(dm(owner, 'sub', '@fin_daily emnews'))).join('')).toContain('还不能在');
    expect(texts(await h.send(dm(owner, 'sub', '@no_such_channel emnews'))).join('')).toContain('找不到频道');
    expect(await subs()).toEqual([]);
  });

  it('channel commands only from private chats; the bot ignores channel posts', async () => {
    const g = groupChat(-5005);
    h.fake.addChat({ id: g.id, type: 'group', admins: [{ userId: owner.id }] });
    expect(texts(await h.send(command(g, owner, 'sub', '@fin_daily emnews'))).join('')).toContain('私聊');
    expect(await h.send(channelPost(channelChat(CH, 'Finance', 'fin_daily'), '/sub emnews'))).toEqual([]);
    expect(await subs()).toEqual([]);
  });

  it('the bot removed from a channel deactivates it, added back restores it', async () => {
    await h.send(dm(owner, 'sub', '@fin_daily emnews'));
    const ch = channelChat(CH, 'Finance', 'fin_daily');
    await h.send(botRemoved(ch, owner));
    expect(await h.deps.chats.subscribers('emnews')).toEqual([]);
    expect(await h.send(botAdded(ch, owner))).toEqual([]);
    expect(await h.deps.chats.subscribers('emnews')).toEqual([CH]);
  });
});
