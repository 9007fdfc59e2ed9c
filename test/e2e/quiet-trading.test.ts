import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/app-harness.ts';
import { startWorld, type World } from '../support/e2e-world.ts';
import { command, privateChat, user } from '../support/updates.ts';

const HEADLINES: Record<string, string> = {
  '09-30': '央行开展逆回购操作',
  '10-01': '国庆假期出游人数创新高',
  '10-03': '港股科技股集体走强',
  '10-05': '国际油价大幅波动',
  '10-07': '假期电影票房突破纪录',
  '10-08': 'A股节后首日成交放量',
  '10-10': '调休日外汇市场平稳',
  '10-12': '新能源汽车销量公布',
};
const sh = (date: string, hm: string) => Date.parse(`${date}T${hm}:00+08:00`);
const alice = user(6001, { languageCode: 'zh-hans' });
const cmd = (name: string, args = '') => command(privateChat(alice), alice, name, args);

let w: World;
afterEach(async () => {
  await w?.close();
});

const pushes = () => w.fake.messages(alice.id).map((m) => m.plainText ?? '');

describe('quiet hours', () => {
  it('holds pushes in quiet hours and sends one catch-up when they end', { timeout: 60_000 }, async () => {
    w = await startWorld({ start: sh('2026-10-08', '22:00') });
    await w.send(cmd('sub', 'emnews'));
    const set = await w.send(cmd('quiet', '23:00-07:00'));
    expect(set.map((s) => s.plainText).join()).toContain('23:00-07:00（Asia/Shanghai）免打扰');
    const before = pushes().length;

    w.setTime(sh('2026-10-08', '23:30'));
    await w.publish([
      { category: 'emnews', title: '美股收盘涨跌不一' },
      { category: 'emnews', title: '欧洲央行维持利率' },
      { category: 'emnews', title: '原油期货夜盘大涨' },
    ]);
    const held = w.t.storage.db.prepare(
      "SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND next_attempt_at >= ? AND status = 'pending'",
    );
    await until(() => held.pluck().get(alice.id, sh('2026-10-09', '07:00')) === 3, 'the night rows held');
    await new Promise((r) => setTimeout(r, 200));
    expect(pushes().length).toBe(before);

    w.setTime(sh('2026-10-09', '07:00') + 5_000);
    await until(() => pushes().length > before, 'the catch-up');
    await w.settle();
    const after = pushes().slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toContain('免打扰期间的 3 条新消息');
    for (const title of ['美股收盘涨跌不一', '欧洲央行维持利率', '原油期货夜盘大涨'])
      expect(after[0]).toContain(title);

    // daytime: instant again
    await w.publish([{ category: 'emnews', title: '早盘消息' }]);
    await until(() => pushes().some((p) => p.includes('早盘消息')), 'the daytime push');
    const off = await w.send(cmd('quiet', 'off'));
    expect(off.map((s) => s.plainText).join()).toContain('已关闭免打扰');
    expect((await w.deps.chats.get(alice.id))?.quiet).toBeUndefined();
  });
});

describe('trading-day digests', () => {
  it('国庆 2026: digests on trading days only; the holiday news waits for 10-08', {
    timeout: 60_000,
  }, async () => {
    w = await startWorld({ start: sh('2026-09-29', '20:00') });
    await w.send(cmd('sub', 'emnews'));
    const set = await w.send(cmd('digest', '09:15 15:00 trading'));
    expect(set.map((s) => s.plainText).join()).toContain('仅 A 股交易日');
    expect(await w.deps.chats.get(alice.id)).toMatchObject({ mode: 'digest', digestTrading: true });
    const digestDays: string[] = [];
    for (const day of ['09-30', '10-01', '10-03', '10-05', '10-07', '10-08', '10-10', '10-12']) {
      const date = `2026-${day}`;
      w.setTime(sh(date, '09:00'));
      // distinct stories: look-alike titles would be one story to the near-duplicate clusterer
      await w.publish([{ category: 'emnews', title: `${HEADLINES[day]}（${day}）` }]);
      w.setTime(sh(date, '09:16'));
      const before = pushes().length;
      if ((await w.deps.delivery.runDigests(w.now())) > 0) {
        await until(() => pushes().length > before, `the digest of ${date}`);
        // delivered and acknowledged: the cursor has moved past it before the next day's run
        const end = await w.deps.articles.maxSeq();
        await until(async () => ((await w.deps.chats.get(alice.id))?.digestCursor ?? 0) >= end, 'cursor');
        digestDays.push(day);
      }
    }
    expect(digestDays).toEqual(['09-30', '10-08', '10-12']);
    const digests = pushes().filter((p) => p.startsWith('快讯摘要'));
    expect(digests).toHaveLength(3);
    // 10-08 carries everything from the holiday week, once; the 调休 Saturday's waits for Monday
    for (const d of ['10-01', '10-03', '10-05', '10-07', '10-08'])
      expect(digests[1]).toContain(HEADLINES[d]!);
    expect(digests[1]).not.toContain(HEADLINES['09-30']!);
    expect(digests[2]).toContain(HEADLINES['10-10']!);
    expect(digests[2]).toContain(HEADLINES['10-12']!);
  });
});
