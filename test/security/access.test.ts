import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from '../../src/chats/types.ts';
import {
  assertCleanOutput,
  buttons,
  type Harness,
  OPERATOR_ID,
  startHarness,
  texts,
} from '../support/bot-harness.ts';
import {
  anonymousAdminMessage,
  callbackQuery,
  channelChat,
  command,
  GROUP_ANONYMOUS_BOT,
  groupChat,
  groupMessage,
  privateChat,
  supergroupChat,
  user,
} from '../support/updates.ts';

/**
 * Issue 7, security: only a group's administrators (anonymous ones included) change it, only
 * channel admins change a channel, only ADMIN_IDS see /stats, and a button acts only on the
 * chat it was shown in.
 */
let h: Harness;
let skew = 0;
const admin = user(8301);
const member = user(8302);
const otherAdmin = user(8303);
const groupA = groupChat(-8301, 'A');
const groupB = supergroupChat(-1008302, 'B');
const channel = channelChat(-1008303, 'Chan', 'kx_sec_channel');

beforeAll(async () => {
  h = await startHarness({ now: () => Date.now() + skew });
  h.fake.addChat({ id: groupA.id, type: 'group', admins: [{ userId: admin.id }], members: [member.id] });
  h.fake.addChat({
    id: groupB.id,
    type: 'supergroup',
    admins: [{ userId: otherAdmin.id }],
    members: [admin.id],
  });
  h.fake.addChat({
    id: channel.id,
    type: 'channel',
    username: 'kx_sec_channel',
    admins: [{ userId: admin.id }],
  });
  await h.send(command(groupA, admin, 'sub', 'sichuanribao'));
  await h.send(command(groupB, otherAdmin, 'sub', 'emnews'));
});
afterAll(async () => {
  if (h) assertCleanOutput(h.fake);
  await h?.close();
});

/** an update whose message fields a test rewrites (sender_chat) */
const editable = (u: Update) => u as unknown as { message: Record<string, unknown> };
const snap = async (id: number): Promise<Chat | undefined> => structuredClone(await h.deps.chats.get(id));
const REFUSALS = [
  'sub emnews',
  'subscribe emnews',
  'unsub all',
  'unsubscribe sichuanribao',
  'mode digest',
  'digest 07:30',
  'digest off',
  'digest now',
  'lang en',
  'settings tz Europe/Berlin',
  'start sub_emnews',
];

async function expectRefused(chat: Update, chatId: number) {
  const before = { a: await snap(groupA.id), b: await snap(groupB.id), c: await snap(channel.id) };
  const digests = h.digestCalls.length;
  const sent = await h.send(chat);
  expect({ a: await snap(groupA.id), b: await snap(groupB.id), c: await snap(channel.id) }).toEqual(before);
  expect(h.digestCalls.length).toBe(digests);
  return { sent, chatId };
}

describe('groups', () => {
  it('a member changes nothing, with a clear refusal', async () => {
    for (const c of REFUSALS) {
      const [name, ...args] = c.split(' ');
      const { sent } = await expectRefused(command(groupA, member, name ?? '', args.join(' ')), groupA.id);
      if (name !== 'start') expect(texts(sent).join('\n'), c).toMatch(/管理员|admin/);
    }
  });

  it("an admin of another group is a member here; a user posting as a channel is nobody's admin", async () => {
    for (const c of ['sub emnews', 'unsub all', 'mode digest']) {
      const [name, ...args] = c.split(' ');
      await expectRefused(command(groupB, admin, name ?? '', args.join(' ')), groupB.id);
    }
    const asChannel = editable(
      groupMessage(groupA, user(136817688, { firstName: 'Channel_Bot' }), '/unsub all'),
    );
    asChannel.message.sender_chat = channel;
    await expectRefused(asChannel as unknown as Update, groupA.id);
    // GroupAnonymousBot speaking for a different chat is not this group's anonymous admin
    const spoofed = editable(anonymousAdminMessage(groupA, '/unsub all'));
    spoofed.message.sender_chat = groupB;
    await expectRefused(spoofed as unknown as Update, groupA.id);
    const noSender = groupMessage(groupA, GROUP_ANONYMOUS_BOT, '/unsub all');
    await expectRefused(noSender, groupA.id);
  });

  it('admins and anonymous admins may change the group', async () => {
    await h.send(anonymousAdminMessage(groupA, '/sub emnews'));
    expect(Object.keys((await snap(groupA.id))?.subscriptions ?? {}).sort()).toEqual([
      'emnews',
      'sichuanribao',
    ]);
    await h.send(command(groupA, admin, 'mode', 'digest'));
    expect((await snap(groupA.id))?.mode).toBe('digest');
  });

  it('a demoted admin loses the right once the admin cache expires', async () => {
    h.fake.setAdmins(groupA.id, [{ userId: otherAdmin.id }]);
    skew += 60_000;
    await expectRefused(command(groupA, admin, 'unsub', 'all'), groupA.id);
    h.fake.setAdmins(groupA.id, [{ userId: admin.id }]);
    skew += 60_000;
  });

  it("settings buttons tapped by a member are refused and the group's settings stay", async () => {
    const shown = (await h.send(command(groupA, admin, 'settings'))).find((m) => m.method === 'sendMessage');
    const taps = buttons(shown);
    expect(taps.length).toBeGreaterThan(3);
    for (const b of taps) {
      await expectRefused(callbackQuery(groupA, member, b.data, { messageId: shown?.messageId }), groupA.id);
    }
    expect(h.fake.unansweredCallbackQueries()).toEqual([]);
  });
});

describe('buttons act only where they were shown', () => {
  it("group A's buttons tapped under a message in group B change neither A nor B", async () => {
    const inA = (await h.send(command(groupA, admin, 'settings'))).find((m) => m.method === 'sendMessage');
    const inB = (await h.send(command(groupB, otherAdmin, 'list'))).find((m) => m.method === 'sendMessage');
    expect(inB?.messageId).toBeDefined();
    for (const b of buttons(inA)) {
      // B's admin (and A's admin, a member of B) replays A's button on B's message
      for (const who of [otherAdmin, admin]) {
        const { sent } = await expectRefused(
          callbackQuery(groupB, who, b.data, { messageId: inB?.messageId }),
          groupB.id,
        );
        expect(sent.filter((m) => m.method !== 'answerCallbackQuery')).toEqual([]);
      }
    }
  });

  it("a private chat's unsubscribe button replayed in another person's chat does nothing", async () => {
    const alice = user(8311);
    const mallory = user(8312);
    await h.send(command(privateChat(alice), alice, 'sub', 'emnews'));
    await h.send(command(privateChat(mallory), mallory, 'sub', 'emnews'));
    const list = (await h.send(command(privateChat(alice), alice, 'list'))).find(
      (m) => m.method === 'sendMessage',
    );
    const unsub = buttons(list).find((b) => b.data.startsWith('unsub:'));
    expect(unsub).toBeDefined();
    const mine = (await h.send(command(privateChat(mallory), mallory, 'list'))).find(
      (m) => m.method === 'sendMessage',
    );
    await h.send(
      callbackQuery(privateChat(mallory), mallory, unsub?.data ?? '', { messageId: mine?.messageId }),
    );
    expect(await h.deps.chats.subscribers('emnews')).toEqual(expect.arrayContaining([alice.id, mallory.id]));
  });
});

describe('channels and operators', () => {
  it('only a channel admin manages a channel, from a private chat only', async () => {
    await expectRefused(command(privateChat(member), member, 'sub', '@kx_sec_channel emnews'), channel.id);
    await expectRefused(command(groupA, admin, 'sub', '@kx_sec_channel emnews'), channel.id);
    await expectRefused(command(privateChat(member), member, 'unsub', `${channel.id} all`), channel.id);
    await h.send(command(privateChat(admin), admin, 'sub', '@kx_sec_channel emnews'));
    expect(Object.keys((await snap(channel.id))?.subscriptions ?? {})).toEqual(['emnews']);
  });

  it('/stats answers ADMIN_IDS only', async () => {
    const op = user(OPERATOR_ID);
    const statsOf = async (u: ReturnType<typeof user>) =>
      texts(await h.send(command(privateChat(u), u, 'stats'))).join('\n');
    const opText = await statsOf(op);
    for (const u of [member, admin, user(OPERATOR_ID + 1), user(-OPERATOR_ID)]) {
      const t = await statsOf(u);
      expect(t).toMatch(/运营者|operators/);
      expect(t).not.toEqual(opText);
    }
    expect(texts(await h.send(anonymousAdminMessage(groupA, '/stats'))).join('')).not.toEqual(opText);
  });
});
