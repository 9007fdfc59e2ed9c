import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/types.ts';
import { MAX_READ_MESSAGES, readMessages } from '../../src/present/search-reader.ts';
import { t } from '../../src/present/strings/index.ts';
import { checkTelegramHtml } from '../support/strict-html.ts';
import { made } from './corpus.ts';

const NOW = Date.parse('2022-06-01T12:00:00+08:00');
const article = (paragraphs: string[]): StoredArticle => ({
  ...made('<标题> & "引号"', paragraphs, { at: NOW }),
  seq: 7,
});

describe('readMessages', () => {
  it('keeps a short article in one valid message with the title bold and linked', () => {
    const [only, ...rest] = readMessages(
      article(['第一段 <script>', '第二段 &amp;']),
      t('zh').search,
      NOW,
      'Asia/Shanghai',
    );
    expect(rest).toEqual([]);
    const check = checkTelegramHtml(only!.value);
    if (!check.ok) throw new Error(check.error);
    expect(only!.value.startsWith('<b><a href="http://localhost/')).toBe(true);
    expect(check.plainText).toContain('第一段 <script>');
    expect(check.plainText).toContain('第二段 &amp;');
  });

  it('splits between paragraphs, at most five messages, the last linking to the rest', () => {
    const paragraphs = Array.from({ length: 80 }, (_, i) => `${i}:${'字'.repeat(700)}`);
    const msgs = readMessages(article(paragraphs), t('en').search, NOW, 'Asia/Shanghai');
    expect(msgs.length).toBe(MAX_READ_MESSAGES);
    for (const m of msgs) {
      expect(m.length).toBeLessThanOrEqual(4096);
      expect(checkTelegramHtml(m.value).ok).toBe(true);
    }
    const shown = msgs.map((m) => m.value).join('\n');
    const lastShown = Math.max(...paragraphs.map((_, i) => (shown.includes(`${i}:`) ? i : -1)));
    expect(msgs[4]!.value).toContain(`${paragraphs.length - lastShown - 1} more paragraphs`);
    expect(msgs[4]!.value).toContain('href="http://localhost/');
  });

  it('splits one oversized paragraph without breaking the HTML', () => {
    const msgs = readMessages(article(['<&>'.repeat(3000)]), t('zh').search, NOW, 'Asia/Shanghai');
    for (const m of msgs) expect(checkTelegramHtml(m.value).ok).toBe(true);
  });
});
