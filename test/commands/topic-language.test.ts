import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCleanOutput, type Harness, startHarness } from '../support/bot-harness.ts';
import { command, forumChat, inTopic, user } from '../support/updates.ts';

const alice = user(3101, { firstName: 'Alice', languageCode: 'zh-hans' });
const forum = forumChat(-100_7171, 'Desk');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

const reply = async (thread: number | undefined, name: string, args = '') => {
  const update = command(forum, alice, name, args);
  const sent = await h.send(thread === undefined ? update : inTopic(update, thread));
  return sent.find((s) => s.method === 'sendMessage')?.plainText ?? '';
};

describe('a forum topic with its own language', () => {
  it('answers in it, as its pushes are worded, while the group keeps its own', async () => {
    await h.deps.chats.ensure(forum.id, { kind: 'supergroup', lang: 'zh' });
    // the topic's record starts in the group's language
    expect(await reply(7, 'help')).toContain('订阅');
    h.fake.addChat({
      id: forum.id,
      type: 'supergroup',
      title: 'Desk',
      isForum: true,
      admins: [{ userId: alice.id }],
    });
    await reply(7, 'lang', 'en');
    const topic = await h.deps.chats.topicId(forum.id, 7);
    expect((await h.deps.chats.get(topic))?.lang).toBe('en');
    expect(await reply(7, 'help')).toContain('Subscriptions');
    expect(await reply(undefined, 'help')).toContain('订阅');
    expect((await h.deps.chats.get(forum.id))?.lang).toBe('zh');
  });
});
