import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import { made } from '../search/corpus.ts';
import { assertCleanOutput, buttons, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import {
  callbackQuery,
  channelChat,
  command,
  forumChat,
  groupChat,
  inTopic,
  user,
} from '../support/updates.ts';

/** 2026-01-15 20:00 in Shanghai */
const NOW = Date.UTC(2026, 0, 15, 12, 0);
/** published 01-15 10:30 in Shanghai, which is 01-14 21:30 in New York */
const PUBLISHED = Date.UTC(2026, 0, 15, 2, 30);
const SHANGHAI = '01-15 10:30';
const NEW_YORK = '01-14 21:30';

const alice = user(3001, { firstName: 'Alice' });
const bob = user(3002, { firstName: 'Bob' });
const chatOf = (u: typeof alice) => ({ id: u.id, type: 'private' as const, first_name: u.first_name });
const cmd = (name: string, args = '', from = alice) => command(chatOf(from), from, name, args);

let h: Harness;
let article: StoredArticle;

beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
  const a = made('纽约时区样稿：美联储议息', ['美联储维持利率不变。'], { at: PUBLISHED, category: 'emnews' });
  article = h.t.sqlite.articles.insert(a, a.paragraphs[0] ?? '', PUBLISHED).article;
  h.t.sqlite.search.add(article);
  await h.deps.chats.ensure(alice.id, { kind: 'private' });
  await h.deps.chats.update(alice.id, { tz: 'America/New_York' });
});
afterAll(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

const first = (sent: Awaited<ReturnType<Harness['send']>>) => sent.find((s) => s.method === 'sendMessage');

describe('times in replies follow the chat zone', () => {
  it('/search, /latest and /read show New York times to a chat set to America/New_York', async () => {
    const search = first(await h.send(cmd('search', '纽约时区样稿')));
    const latest = first(await h.send(cmd('latest')));
    const read = first(await h.send(cmd('read', String(article.seq))));
    for (const m of [search, latest, read]) {
      expect(m?.plainText).toContain(NEW_YORK);
      expect(m?.plainText).not.toContain(SHANGHAI);
    }
    // the 全文 button under the search result opens the text in the same zone
    const button = buttons(search).find((b) => b.data === `read:${article.seq}`);
    const tapped = await h.send(
      callbackQuery(chatOf(alice), alice, button!.data, { messageId: search!.messageId! }),
    );
    expect(first(tapped)?.plainText).toContain(NEW_YORK);
  });

  it('a chat without a zone of its own sees the configured one (Asia/Shanghai)', async () => {
    for (const name of ['latest', 'read']) {
      const m = first(await h.send(cmd(name, name === 'read' ? String(article.seq) : '', bob)));
      expect(m?.plainText).toContain(SHANGHAI);
    }
  });

  it('a group set to New York reads New York times under its full-text button', async () => {
    const room = groupChat(-8080, 'nyc desk');
    await h.deps.chats.ensure(room.id, { kind: 'group' });
    await h.deps.chats.update(room.id, { tz: 'America/New_York' });
    const sent = await h.send(callbackQuery(room, bob, `read:${article.seq}`, { messageId: 1 }));
    expect(texts(sent).join('\n')).toContain(NEW_YORK);
  });

  it('a channel tap sends the text privately, in the reader’s own zone', async () => {
    const channel = channelChat(-100_9090, 'shanghai wire');
    const sent = await h.send(callbackQuery(channel, alice, `read:${article.seq}`, { messageId: 1 }));
    const privately = sent.filter((s) => s.method === 'sendMessage' && s.chatId === alice.id);
    expect(privately[0]?.plainText).toContain(NEW_YORK);
  });

  it('a forum topic with its own zone reads its times in it, like the pushes into it', async () => {
    const forum = forumChat(-100_7070, 'Markets');
    // the group itself stays on the configured zone; only the topic moved to New York
    await h.deps.chats.ensure(forum.id, { kind: 'supergroup' });
    const topic = await h.deps.chats.topicId(forum.id, 42);
    await h.deps.chats.ensure(topic, { kind: 'supergroup' });
    await h.deps.chats.update(topic, { tz: 'America/New_York' });
    const inIt = (name: string, args = '') => h.send(inTopic(command(forum, alice, name, args), 42));
    const search = first(await inIt('search', '纽约时区样稿'));
    const latest = first(await inIt('latest'));
    const read = first(await inIt('read', String(article.seq)));
    for (const m of [search, latest, read]) {
      expect(m?.plainText).toContain(NEW_YORK);
      expect(m?.plainText).not.toContain(SHANGHAI);
    }
    // the General topic is the group itself: its zone
    const general = first(await h.send(command(forum, alice, 'latest')));
    expect(general?.plainText).toContain(SHANGHAI);
  });
});
