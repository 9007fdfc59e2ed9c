import type { Update } from 'telegraf/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertCleanOutput, type Harness, startHarness, texts } from '../support/bot-harness.ts';
import { type FeedServer, fixtureBytes, startFeedServer } from '../support/feed-server.ts';
import { command, privateChat, user } from '../support/updates.ts';

const alice = user(8201);
const bob = user(8202);

let feeds: FeedServer;
let h: Harness;
beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.setRoute('/cls/telegraph', { body: fixtureBytes('wire-cls.xml') });
});
afterAll(async () => {
  await feeds.close();
});
beforeEach(async () => {
  h = await startHarness({ env: { FEED_PRIVATE_HOSTS: feeds.host, RSSHUB_URL: feeds.url } });
});
afterEach(async () => {
  assertCleanOutput(h.fake);
  await h.close();
});

/** a user sends a file with a caption, as Telegram delivers it */
function documentUpdate(from: typeof bob, name: string, bytes: string, caption = '/import'): Update {
  const fileId = h.fake.addFile(name, bytes);
  return {
    update_id: 0,
    message: {
      message_id: 0,
      date: 0,
      chat: privateChat(from),
      from,
      document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: name },
      caption,
      caption_entities: [{ type: 'bot_command', offset: 0, length: caption.split(' ')[0]!.length }],
    },
  } as Update;
}

/** the files the bot sent in the calls it made after `mark` */
function sentFiles(mark: number): Array<{ name: string; text: string }> {
  return h.fake
    .callsTo('sendDocument')
    .filter((c) => c.seq > mark)
    .map((c) => {
      const id = (c.result as { document: { file_id: string } }).document.file_id;
      const f = h.fake.file(id)!;
      return { name: f.name, text: f.bytes.toString('utf8') };
    });
}

describe('/export and /import', () => {
  it('round trip: OPML + JSON out, the same subscriptions and settings in, idempotent', async () => {
    const feed = `${feeds.url}/rss20.xml`;
    await h.send(command(privateChat(alice), alice, 'sub', `sichuanribao 财联社电报 ${feed}`));
    await h.send(command(privateChat(alice), alice, 'mode', 'digest'));
    await h.send(command(privateChat(alice), alice, 'lang', 'en'));
    const mark = h.fake.mark();
    await h.send(command(privateChat(alice), alice, 'export'));
    const files = sentFiles(mark);
    expect(files.map((f) => f.name.replace(/\d+/, 'N'))).toEqual(['kuaixun-N.opml', 'kuaixun-N.json']);
    const [opml, json] = [files[0]!, files[1]!];
    expect(opml.text).toContain(`xmlUrl="${feed}"`);
    expect(opml.text).toContain(`${feeds.url}/cls/telegraph`);
    const data = JSON.parse(json.text) as { sources: Array<{ type: string }>; settings: { mode: string } };
    expect(data.sources.map((s) => s.type).sort()).toEqual(['feed', 'finews', 'wire']);
    expect(data.settings.mode).toBe('digest');

    const hits = feeds.hits('/rss20.xml');
    const first = texts(await h.send(documentUpdate(bob, 'subs.json', json.text))).join('\n');
    expect(first).toContain('导入完成：新增 3 项，已存在 0 项');
    const restored = await h.deps.chats.get(bob.id);
    expect(Object.keys(restored?.subscriptions ?? {}).sort()).toEqual(
      Object.keys((await h.deps.chats.get(alice.id))?.subscriptions ?? {}).sort(),
    );
    expect(restored).toMatchObject({ mode: 'digest', lang: 'en' });
    // the feed was already read for alice: bob shares it, no second fetch
    expect(feeds.hits('/rss20.xml')).toBe(hits);
    const again = texts(await h.send(documentUpdate(bob, 'subs.json', json.text))).join('\n');
    expect(again).toContain('Import done: 0 added, 3 already there');
  });

  it('carries watch terms, quiet hours and the trading-day option; a bad term is reported', async () => {
    await h.send(command(privateChat(alice), alice, 'sub', 'sichuanribao'));
    await h.send(command(privateChat(alice), alice, 'watch', '贵州茅台 降准'));
    await h.send(command(privateChat(alice), alice, 'quiet', '23:00-07:00'));
    await h.send(command(privateChat(alice), alice, 'digest', '09:15 15:00 trading'));
    const mark = h.fake.mark();
    await h.send(command(privateChat(alice), alice, 'export'));
    // finews sources only: no OPML (it would list nothing), the JSON alone
    const files = sentFiles(mark);
    expect(files.map((f) => f.name.endsWith('.json'))).toEqual([true]);
    const json = files[0]!;
    const data = JSON.parse(json.text) as { watch: string[]; settings: Record<string, unknown> };
    expect(data.watch.sort()).toEqual(['贵州茅台', '降准'].sort());
    expect(data.settings).toMatchObject({
      quiet: '23:00-07:00',
      digestTrading: true,
      digestTimes: ['09:15', '15:00'],
    });

    const reply = texts(await h.send(documentUpdate(bob, 'subs.json', json.text))).join('\n');
    expect(reply).toContain('新增 3 项');
    expect((await h.deps.watchlists.list(bob.id)).sort()).toEqual(['贵州茅台', '降准'].sort());
    expect(await h.deps.chats.get(bob.id)).toMatchObject({ quiet: '23:00-07:00', digestTrading: true });

    const tampered = JSON.stringify({ ...data, watch: ['x'.repeat(150)] });
    const bad = texts(await h.send(documentUpdate(bob, 'bad.json', tampered))).join('\n');
    expect(bad).toContain('watch:');
  });

  it('OPML from another reader restores its feeds; bad lines are reported one by one', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="A" xmlUrl="${feeds.url}/atom10.xml"/>
      <outline text="folder"><outline text="B" xmlUrl="ftp://example.com/feed"/></outline>
      <outline text="C" xmlUrl="${feeds.url}/page-without-feed.html"/></body></opml>`;
    const reply = texts(await h.send(documentUpdate(bob, 'reader.opml', opml))).join('\n');
    expect(reply).toContain('新增 1 项');
    expect(reply).toContain('ftp://example.com/feed：只能订阅 http:// 或 https://');
    expect(reply).toContain('page-without-feed.html：这个网页上没有找到');
    const bad = JSON.stringify({
      kuaixun: 1,
      sources: [{ type: 'finews', slug: 'nosuchslug' }, { type: 'x' }],
    });
    const lines = texts(await h.send(documentUpdate(bob, 'bad.json', bad))).join('\n');
    expect(lines).toContain('nosuchslug：没有这个来源');
    expect(lines).toContain('#2');
    const junk = texts(await h.send(documentUpdate(bob, 'junk.txt', 'hello'))).join('\n');
    expect(junk).toContain('读不懂这个文件');
  });

  it('an empty chat is told there is nothing to export, and /import alone explains itself', async () => {
    expect(texts(await h.send(command(privateChat(bob), bob, 'export'))).join('\n')).toContain('没有可导出');
    expect(texts(await h.send(command(privateChat(bob), bob, 'import'))).join('\n')).toContain('/import');
  });
});
