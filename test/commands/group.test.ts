import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertCleanOutput, buttons, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import {
  anonymousAdminMessage,
  botAdded,
  botKicked,
  botRemoved,
  callbackQuery,
  command,
  groupChat,
  groupMessage,
  migrateFromGroup,
  migrateToSupergroup,
  supergroupChat,
  user,
} from '../support/updates.ts';

let h: Harness;
const admin = user(2001, { firstName: 'Admin' });
const member = user(2002, { firstName: 'Member' });
const group = groupChat(-5001, 'Readers <&>');
const BOT = 'kuaixun_test_bot';

beforeEach(async () => {
  h = await startHarness();
  h.fake.addChat({
    id: group.id,
    type: 'group',
    title: group.title,
    admins: [{ userId: admin.id }],
    members: [member.id],
  });
});
afterEach(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

const subs = async (id = group.id) => Object.keys((await h.deps.chats.get(id))?.subscriptions ?? {}).sort();

describe('groups', () => {
  it('introduces itself once when added; removal deactivates, re-adding restores', async () => {
    const intro = texts(await h.send(botAdded(group, admin)));
    expect(intro.join('')).toContain('大家好');
    await h.send(command(group, admin, 'sub', 'sichuanribao', { botUsername: BOT }));
    expect(await h.deps.chats.subscribers('sichuanribao')).toEqual([group.id]);
    expect(texts(await h.send(botRemoved(group, admin)))).toEqual([]);
    expect(await h.deps.chats.subscribers('sichuanribao')).toEqual([]);
    expect(await subs()).toEqual(['sichuanribao']);
    expect(texts(await h.send(botAdded(group, admin)))).toEqual([]);
    expect(await h.deps.chats.subscribers('sichuanribao')).toEqual([group.id]);
    await h.send(botKicked(group, admin));
    expect((await h.deps.chats.get(group.id))?.active).toBe(false);
  });

  it('only admins change subscriptions; anyone may read the list and help', async () => {
    const refused = texts(await h.send(command(group, member, 'sub', 'sichuanribao')));
    expect(refused.join('')).toContain('只有群管理员');
    expect(await subs()).toEqual([]);
    await h.send(command(group, admin, 'sub', 'sichuanribao emnews'));
    expect(await subs()).toEqual(['emnews', 'sichuanribao']);
    for (const name of ['unsub', 'mode', 'digest', 'lang']) {
      const arg = { unsub: 'all', mode: 'digest', digest: '09:00', lang: 'en' }[name];
      const r = texts(await h.send(command(group, member, name, arg)));
      expect(r.join('')).toContain('只有群管理员');
    }
    expect(await h.deps.chats.get(group.id)).toMatchObject({ mode: 'instant', lang: 'zh' });
    const list = texts(await h.send(command(group, member, 'list')));
    expect(list.join('')).toContain('四川日报 (sichuanribao)');
    expect(texts(await h.send(command(group, member, 'help'))).join('')).toContain('/search');
  });

  it('anonymous admins writing as the group count as admins; other sender chats do not', async () => {
    await h.send(anonymousAdminMessage(group, '/sub emnews'));
    expect(await subs()).toEqual(['emnews']);
    const otherChannel = { id: -1009999, type: 'channel' as const, title: 'Other' };
    const disguised = anonymousAdminMessage(otherChannel, '/sub sichuanribao');
    (disguised as { message: { chat: unknown } }).message.chat = group;
    expect(texts(await h.send(disguised)).join('')).toContain('只有群管理员');
    expect(await subs()).toEqual(['emnews']);
  });

  it('/cmd@thisbot works, /cmd@otherbot is ignored', async () => {
    await h.send(command(group, admin, 'sub', 'emnews', { botUsername: BOT }));
    expect(await subs()).toEqual(['emnews']);
    const ignored = await h.send(command(group, admin, 'sub', 'sichuanribao', { botUsername: 'other_bot' }));
    expect(ignored).toEqual([]);
    expect(await subs()).toEqual(['emnews']);
    expect(await h.send(command(group, admin, 'help', '', { botUsername: 'other_bot' }))).toEqual([]);
  });

  it('stays quiet on unknown commands and chatter unless addressed', async () => {
    expect(await h.send(groupMessage(group, member, 'hello everyone'))).toEqual([]);
    expect(await h.send(command(group, member, 'weather'))).toEqual([]);
    expect(
      texts(await h.send(command(group, member, 'weather', '', { botUsername: BOT }))).join(''),
    ).toContain('/help');
    expect(texts(await h.send(groupMessage(group, member, `@${BOT} hi`))).join('')).toContain('/help');
  });

  it('buttons in a group: only admins may press them, and they act on this group', async () => {
    const msg = (await h.send(command(group, member, 'categories', '四川'))).find(
      (s) => s.method === 'sendMessage',
    );
    const toggle = buttons(msg)[0];
    const byMember = await h.send(
      callbackQuery(group, member, toggle?.data ?? '', { messageId: msg?.messageId ?? 0 }),
    );
    expect(byMember.find((s) => s.method === 'answerCallbackQuery')).toMatchObject({ showAlert: true });
    expect(await subs()).toEqual([]);
    await h.send(callbackQuery(group, admin, toggle?.data ?? '', { messageId: msg?.messageId ?? 0 }));
    expect(await subs()).toEqual(['sichuanribao']);
  });

  it('answers inside the forum topic a command came from', async () => {
    const forum = supergroupChat(-1007007, 'Forum');
    const update = command(forum, member, 'help');
    Object.assign((update as unknown as { message: object }).message, {
      is_topic_message: true,
      message_thread_id: 42,
    });
    const mark = h.fake.mark();
    await h.send(update);
    const call = h.fake.calls.find((c) => c.seq > mark && c.method === 'sendMessage');
    expect(((call?.body ?? {}) as { message_thread_id?: number }).message_thread_id).toBe(42);
  });

  it('a group that becomes a supergroup keeps everything under the new id', async () => {
    await h.send(command(group, admin, 'sub', 'sichuanribao emnews'));
    await h.send(command(group, admin, 'lang', 'en'));
    const superId = -1005001;
    await h.send(migrateToSupergroup(group, admin, superId));
    expect(await h.deps.chats.get(group.id)).toBeUndefined();
    expect(await h.deps.chats.get(superId)).toMatchObject({ kind: 'supergroup', lang: 'en' });
    expect(await subs(superId)).toEqual(['emnews', 'sichuanribao']);
    expect(await h.deps.chats.subscribers('emnews')).toEqual([superId]);
    // the matching service message in the new chat is harmless
    await h.send(migrateFromGroup(supergroupChat(superId, 'Readers'), group.id));
    expect(await subs(superId)).toEqual(['emnews', 'sichuanribao']);
    h.fake.addChat({ id: superId, type: 'supergroup', admins: [{ userId: admin.id }] });
    const sg = supergroupChat(superId, 'Readers');
    expect(texts(await h.send(command(sg, admin, 'list'))).join('')).toContain('emnews');
  });
});
