import { describe, expect, it } from 'vitest';
import {
  assertCleanOutput,
  buttons,
  type Harness,
  harnessPerTest,
  startHarness,
  texts,
} from '../support/bot-harness.ts';
import { callbackQuery, command, privateMessage, user } from '../support/updates.ts';

let h: Harness;
harnessPerTest((x) => {
  h = x;
});

const alice = user(1001, { firstName: 'Alice' });
const bob = user(1002, { languageCode: 'en-US' });
const callback = (messageId: number, data: string, from = alice) =>
  callbackQuery({ id: from.id, type: 'private', first_name: from.first_name }, from, data, { messageId });
const cmd = (name: string, args = '', from = alice) =>
  command({ id: from.id, type: 'private', first_name: from.first_name }, from, name, args);

describe('private chat commands', () => {
  it('/start introduces the bot in Chinese, in English for English users, and stores the chat', async () => {
    const [zh] = texts(await h.send(cmd('start')));
    expect(zh).toContain('快讯');
    expect(zh).toContain('/sub 四川日报');
    const [en] = texts(await h.send(cmd('start', '', bob)));
    expect(en).toContain('Kuaixun');
    expect(await h.deps.chats.get(alice.id)).toMatchObject({ kind: 'private', lang: 'zh', active: true });
    expect((await h.deps.chats.get(bob.id))?.lang).toBe('en');
  });

  it('/help lists every command', async () => {
    const [text] = texts(await h.send(cmd('help')));
    for (const c of [
      '/categories',
      '/sub',
      '/unsub',
      '/list',
      '/latest',
      '/search',
      '/mode',
      '/digest',
      '/settings',
      '/lang',
    ]) {
      expect(text).toContain(c);
    }
  });

  it('/start sub_<slug> subscribes through the deep link', async () => {
    const [text] = texts(await h.send(cmd('start', 'sub_sichuanribao')));
    expect(text).toContain('四川日报 (sichuanribao)');
    expect(await h.deps.chats.subscribers('sichuanribao')).toEqual([alice.id]);
  });

  it('/sub takes slug, name, tag and pinyin, several at once', async () => {
    const [text] = texts(await h.send(cmd('sub', 'sichuanribao 东财滚动, 每日经济新闻新闻')));
    expect(text).toContain('已订阅');
    const chat = await h.deps.chats.get(alice.id);
    expect(Object.keys(chat?.subscriptions ?? {}).sort()).toEqual([
      'emnews',
      'meirijingjixinwen',
      'sichuanribao',
    ]);
    const again = texts(await h.send(cmd('subscribe', '四川日报')));
    expect(again.join('\n')).toContain('已经订阅过');
  });

  it('/sub with an unknown name answers not found with suggestion buttons that subscribe', async () => {
    const sent = await h.send(cmd('sub', 'sichuanribo'));
    const msg = sent.find((s) => s.method === 'sendMessage');
    expect(msg?.plainText).toContain('没有找到来源 sichuanribo');
    const offered = buttons(msg);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(5);
    const target = offered.find((b) => b.text.includes('sichuanribao'));
    expect(target).toBeDefined();
  });

  it('accepts an unseen slug only when the site has its category page', async () => {
    const before = h.site.log.length;
    const sent = texts(await h.send(cmd('sub', 'nosuchcategory')));
    expect(sent.join('\n')).toContain('没有找到来源');
    expect(h.site.log.slice(before).map((r) => r.path)).toContain('/category/nosuchcategory.html');
    expect(h.deps.registry.get('nosuchcategory')).toBeUndefined();
    // cailianshe is on the served site but the registry has never seen it
    const ok = texts(await h.send(cmd('sub', 'cailianshe')));
    expect(ok.join('\n')).toContain('已订阅：cailianshe');
    expect(h.deps.registry.get('cailianshe')?.verified).toBe(true);
    expect(await h.deps.chats.subscribers('cailianshe')).toEqual([alice.id]);
  });

  it('a slug with a space, typed whole, is one category', async () => {
    await h.send(cmd('sub', '21shijijingjibaodao 21caijingAPP'));
    const chat = await h.deps.chats.get(alice.id);
    expect(Object.keys(chat?.subscriptions ?? {})).toEqual(['21shijijingjibaodao 21caijingAPP']);
  });

  it('enforces MAX_SUBSCRIPTIONS', async () => {
    await h.send(cmd('sub', 'sichuanribao sichuanzaixian emnews meirijingjixinwen cailianshe'));
    const text = texts(await h.send(cmd('sub', 'sitenews quanshangzhongguo'))).join('\n');
    expect(text).toContain('已订阅：sitenews');
    expect(text).toContain('已达上限 6 个订阅，未能添加：quanshangzhongguo');
    expect(Object.keys((await h.deps.chats.get(alice.id))?.subscriptions ?? {})).toHaveLength(6);
  });

  it('/unsub removes named, reports unknown, and all empties the list', async () => {
    await h.send(cmd('sub', 'sichuanribao emnews sichuanzaixian'));
    const text = texts(await h.send(cmd('unsub', '四川日报 zzz'))).join('\n');
    expect(text).toContain('已取消订阅：四川日报 (sichuanribao)');
    expect(text).toContain('没有订阅：zzz');
    expect(texts(await h.send(cmd('unsub'))).join('')).toContain('用法');
    await h.send(cmd('unsubscribe', 'all'));
    expect((await h.deps.chats.get(alice.id))?.subscriptions).toEqual({});
    expect(texts(await h.send(cmd('unsub', 'all'))).join('')).toContain('没有任何订阅');
  });

  it('/list shows subscriptions, mode and buttons; a button unsubscribes and edits the list', async () => {
    expect(texts(await h.send(cmd('list'))).join('')).toContain('还没有订阅');
    await h.send(cmd('sub', 'sichuanribao emnews'));
    const msg = (await h.send(cmd('list'))).find((s) => s.method === 'sendMessage');
    expect(msg?.plainText).toContain('即时推送');
    expect(msg?.plainText).toContain('东财滚动 (emnews)');
    const unsub = buttons(msg).find((b) => b.text.includes('emnews'));
    const sent = await h.send(callback(msg?.messageId ?? 0, unsub?.data ?? ''));
    expect(sent.find((s) => s.method === 'answerCallbackQuery')?.text).toContain('已取消');
    const edited = sent.find((s) => s.method === 'editMessageText');
    expect(edited?.plainText).not.toContain('emnews');
    expect(await h.deps.chats.subscribers('emnews')).toEqual([]);
  });

  it('plain text gets a hint', async () => {
    const [text] = texts(await h.send(privateMessage(alice, '你好')));
    expect(text).toContain('/help');
  });
});

describe('a long list', () => {
  it('200 subscriptions split cleanly into valid messages with at most 30 buttons', async () => {
    const big = await startHarness({ env: { MAX_SUBSCRIPTIONS: '200' } });
    try {
      const slugs = Array.from({ length: 200 }, (_, i) => `source${String(i).padStart(3, '0')}withalongname`);
      for (const [i, slug] of slugs.entries()) {
        big.deps.registry.observe({ slug, source: `很长很长的来源名称<${i}>&`, seenAt: 1 });
      }
      const res = await big.deps.chats.subscribe(alice.id, slugs, 1);
      expect(res.added).toHaveLength(200);
      const sent = (await big.send(cmd('list'))).filter((s) => s.method === 'sendMessage');
      expect(sent.length).toBeGreaterThan(1);
      const all = sent.map((s) => s.plainText ?? '').join('\n');
      for (const slug of slugs) expect(all).toContain(slug);
      expect(all).toContain('很长很长的来源名称<199>&');
      expect(buttons(sent.at(-1))).toHaveLength(30);
      expect(sent.slice(0, -1).every((s) => !s.replyMarkup)).toBe(true);
      assertCleanOutput(big.fake);
    } finally {
      await big.close();
    }
  });
});

describe('site look-ups', () => {
  it('a command asks the site about at most three unseen slugs', async () => {
    const before = h.site.log.length;
    const words = Array.from({ length: 12 }, (_, i) => `unknownslug${i}`).join(' ');
    const text = texts(await h.send(cmd('sub', words))).join('\n');
    expect(text).toContain('没有找到来源 unknownslug11');
    expect(h.site.log.slice(before).filter((r) => r.path.startsWith('/category/'))).toHaveLength(3);
  });
});
