import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import type { Chat } from '../../src/chats/types.ts';
import type { Html } from '../../src/present/html.ts';
import { formatArticle, formatDigest, formatRollup } from '../../src/present/push.ts';
import { readMessages } from '../../src/present/search-reader.ts';
import { t } from '../../src/present/strings/index.ts';
import { checkTelegramHtml } from '../support/strict-html.ts';
import { adversarialText } from './arbitraries.ts';

/**
 * Issue 7, bad input from the other side: whatever a post page holds (a site that changed
 * shape, or a hostile one), every message built from it is valid Telegram HTML within 4096
 * characters: pushes, roll-ups, digests and
 * full texts (search lines are checked through the bot, in the fuzz tests).
 */
const NOW = Date.parse('2026-11-29T00:00:00Z');

const text = fc.oneof(adversarialText, fc.string({ maxLength: 6_000 }));
const article: fc.Arbitrary<StoredArticle> = fc
  .record({
    seq: fc.nat({ max: 1e9 }),
    title: text,
    source: text,
    category: fc.oneof(
      fc.constantFrom('emnews', '21shijijingjibaodao 21caijingAPP', 'anxin(xianggang)'),
      text,
    ),
    path: fc.oneof(fc.constant('x.html'), fc.string({ unit: 'grapheme', maxLength: 60 })),
    summary: text,
    digest: fc.option(text),
    paragraphs: fc.array(text, { maxLength: 30 }),
    publishedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  })
  .map((a) => ({
    id: `emnews/${a.seq}`,
    url: `https://finews.withounder.com/${encodeURIComponent(a.path)}`,
    attribution: null,
    sourceLink: null,
    images: [],
    storyKey: String(a.seq),
    fetchedAt: NOW,
    ...a,
  }));

const chat: fc.Arbitrary<Chat> = fc.record({
  id: fc.integer(),
  kind: fc.constantFrom('private', 'group', 'supergroup', 'channel'),
  title: text,
  lang: fc.constantFrom('zh', 'en'),
  mode: fc.constantFrom('instant', 'digest'),
  digestTimes: fc.constant(['08:00']),
  tz: fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+12'),
  linkPreview: fc.boolean(),
  showSummary: fc.boolean(),
  active: fc.constant(true),
  subscriptions: fc.constant({}),
  digestCursor: fc.constant(0),
  lastDigestSlot: fc.constant(''),
  createdAt: fc.constant(0),
  greeted: fc.boolean(),
});

function expectSendable(messages: readonly Html[], what: string): void {
  expect(messages.length, what).toBeGreaterThan(0);
  for (const m of messages) {
    const check = checkTelegramHtml(m.value);
    expect(check.ok ? '' : `${check.error} in ${m.value.slice(0, 300)}`, what).toBe('');
    expect(check.ok && check.plainText.length, what).toBeLessThanOrEqual(4096);
    expect(check.ok && check.plainText.trim().length, what).toBeGreaterThan(0);
  }
}

const OPTS = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  seed: 7301 + Number(process.env.FUZZ_SEED ?? 0),
  endOnFailure: true,
};

describe('messages built from hostile articles', () => {
  it('a push (with twins) is valid HTML within the limit', () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 4 }), chat, (twins, c) => {
        expectSendable([formatArticle(twins, c).text], 'push');
      }),
      OPTS,
    );
  });

  it('a roll-up and a digest are valid HTML within the limit', () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 25 }), chat, (list, c) => {
        expectSendable(
          [
            formatRollup(
              list.map((a) => [a]),
              c,
            ).text,
          ],
          'rollup',
        );
        expectSendable(
          formatDigest(
            list.map((a) => ({ twins: [a] })),
            c,
            NOW,
          ),
          'digest',
        );
      }),
      OPTS,
    );
  });

  it('a full text (/read, 全文) is at most five valid messages within the limit', () => {
    fc.assert(
      fc.property(article, fc.constantFrom('zh', 'en') as fc.Arbitrary<'zh' | 'en'>, (a, lang) => {
        const read = readMessages(a, t(lang).search, NOW, 'Asia/Shanghai');
        expect(read.length).toBeLessThanOrEqual(5);
        expectSendable(read, 'full text');
      }),
      OPTS,
    );
  });
});
