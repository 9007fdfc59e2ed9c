import fc from 'fast-check';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, type FuzzBot, fuzzOptions, startFuzzBot } from '../support/fuzz-bot.ts';
import {
  anonymousAdminMessage,
  channelPost,
  groupMessage,
  privateChat,
  privateMessage,
} from '../support/updates.ts';
import { messageText } from './arbitraries.ts';

/**
 * Issue 7, bad input: thousands of random and adversarial command texts through the real
 * bot (harness, fake Bot API, served snapshot). Seeds are fixed so a failure replays.
 */
let f: FuzzBot;
beforeAll(async () => {
  f = await startFuzzBot();
}, 30_000);
afterAll(async () => {
  await f?.close();
});

const opts = fuzzOptions(500);
const TIMEOUT = 120_000;

describe('fuzzed command texts', () => {
  it(
    'private chats: every text gets a clean answer or none, never a crash, never another chat changed',
    async () => {
      const who = fc.constantFrom(cast.alice, cast.bob, cast.operator);
      await fc.assert(
        fc.asyncProperty(who, messageText, async (from, text) => {
          const shared = [cast.group.id, cast.supergroup.id, cast.channel.id];
          const before = await Promise.all(shared.map(f.snapshot));
          await f.send(privateMessage(from, text));
          // none of them administers the groups or the channel: only their own chat may change
          expect(await Promise.all(shared.map(f.snapshot))).toEqual(before);
        }),
        opts(7001),
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    'groups: a non-admin changes no chat, whatever the command',
    async () => {
      const chat = fc.constantFrom(cast.group, cast.supergroup);
      await fc.assert(
        fc.asyncProperty(chat, messageText, async (group, text) => {
          const before = await f.snapshotAll();
          const digests = f.h.digestCalls.length;
          await f.send(groupMessage(group, cast.member, text));
          expect(await f.snapshotAll()).toEqual(before);
          expect(f.h.digestCalls.length).toBe(digests);
        }),
        opts(7002),
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    'groups: admins and anonymous admins never crash the bot or send bad HTML',
    async () => {
      const sender = fc.constantFrom('admin', 'anonymous');
      const chat = fc.constantFrom(cast.group, cast.supergroup);
      await fc.assert(
        fc.asyncProperty(sender, chat, messageText, async (who, group, text) => {
          const update: Update =
            who === 'admin' ? groupMessage(group, cast.admin, text) : anonymousAdminMessage(group, text);
          const before = await f.snapshot(cast.channel.id);
          await f.send(update);
          // a group's admin is not the channel's manager through the group
          expect(await f.snapshot(cast.channel.id)).toEqual(before);
        }),
        opts(7003),
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it(
    'channel posts: commands posted in a channel change nothing (channels are managed in private)',
    async () => {
      await fc.assert(
        fc.asyncProperty(messageText, async (text) => {
          const before = await f.snapshotAll();
          await f.send(channelPost(cast.channel, text));
          expect(await f.snapshotAll()).toEqual(before);
        }),
        opts(7004),
      );
      await f.canary();
      await f.assertHealthy();
    },
    TIMEOUT,
  );

  it('the private chat of a fuzzed user still works normally afterwards', async () => {
    const sent = await f.send(privateMessage(cast.bob, '/list'));
    expect(sent.filter((m) => m.chatId === privateChat(cast.bob).id).length).toBeGreaterThan(0);
    await f.assertHealthy();
  });
});
