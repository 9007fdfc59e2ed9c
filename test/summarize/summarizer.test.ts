import { describe, expect, it } from 'vitest';
import { createSummarizer } from '../../src/summarize/index.ts';
import { charLength } from '../../src/summarize/text.ts';
import { summaryViolations } from '../eval/invariants.ts';
import { loadRealPosts } from '../eval/posts.ts';

const posts = loadRealPosts();
const post = (id: string) => posts.find((p) => p.file.includes(id))!;
const summarizer = createSummarizer();

describe('summarizer on the real posts', () => {
  it('四川日报: the 295亿元 sentence, not the slogan', () => {
    const p = post('NW202203152308494336');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs });
    expect(r.summary).toContain('295亿元');
    expect(r.summary.startsWith('百尺竿头')).toBe(false);
    expect(r.usedDigest).toBe(false);
    expect(charLength(r.summary)).toBeLessThanOrEqual(120);
  });

  it('skips an exclamatory hook (蔚来) and a question', () => {
    const p = post('2022-05-26-202205262391921712');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs }, { useDigest: false });
    expect(r.sentences[0]).toMatch(/^据霍尼韦尔官网消息，5月24日/);
    expect(r.summary).not.toContain('来了！');
    const q = post('2022-01-07-202201072239307540');
    const s = summarizer.summarize({ title: q.title, paragraphs: q.paragraphs }, { useDigest: false });
    expect(s.summary).not.toMatch(/[？?]/);
  });

  it('does not stop on a clause that ends mid-thought (；)', () => {
    const p = post('202112082207127271');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs });
    expect(r.summary).toMatch(/^隔夜苹果大涨逾3%.*3）苹果相关的交易期权爆炸式增长。$/);
  });

  it('the key lead sentence slightly over the budget beats a trailing clause that fits', () => {
    const p = post('202112082206735975');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs });
    expect(r.sentences).toHaveLength(1);
    expect(r.summary).toMatch(/^记者今天从国家知识产权局.*前3批撤回率达93.1%；$/);
    expect(charLength(r.summary)).toBeLessThanOrEqual(120 * 1.25);
  });

  it('a one-sentence flash is its own summary', () => {
    const p = post('202112082206761079');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs });
    expect(r.summary).toBe('数据显示，截至目前，北向资金净流入超40亿元。');
    expect(r.sentences).toEqual([r.summary]);
  });

  it('uses the editor digest when present and it fits; its whole leading sentences when it does not', () => {
    const p = post('2022-04-21-202204212352230938');
    const whole = summarizer.summarize(
      { title: p.title, paragraphs: p.paragraphs, digest: p.digest },
      { budget: 200 },
    );
    expect(whole).toEqual(expect.objectContaining({ summary: p.digest, usedDigest: true }));
    const cut = summarizer.summarize(
      { title: p.title, paragraphs: p.paragraphs, digest: p.digest },
      { budget: 100 },
    );
    expect(cut.usedDigest).toBe(true);
    expect(cut.summary).toBe(cut.sentences.join(''));
    expect(p.digest!.startsWith(cut.summary)).toBe(true);
    expect(charLength(cut.summary)).toBeLessThanOrEqual(100);
    const off = summarizer.summarize(
      { title: p.title, paragraphs: p.paragraphs, digest: p.digest },
      { useDigest: false },
    );
    expect(off.usedDigest).toBe(false);
  });

  it('keeps at least one whole sentence when every sentence is over the budget', () => {
    const p = post('2022-04-21-202204212352230938');
    const r = summarizer.summarize({ title: p.title, paragraphs: p.paragraphs }, { budget: 10 });
    expect(r.sentences).toHaveLength(1);
    expect(p.paragraphs.join('')).toContain(r.summary);
    expect(summaryViolations({ title: p.title, paragraphs: p.paragraphs }, r, 10)).toEqual([]);
  });
});

describe('summarizer edge cases', () => {
  it('empty, heading-only and odd input never throws', () => {
    expect(summarizer.summarize({ title: '', paragraphs: [] })).toEqual({
      summary: '',
      sentences: [],
      usedDigest: false,
    });
    expect(summarizer.summarize({ title: '开站大吉', paragraphs: ['祝贺开站'] }).summary).toBe('祝贺开站');
    const headings = summarizer.summarize({ title: 't', paragraphs: ['小标题一', '小标题二'] });
    expect(headings.sentences).toHaveLength(1);
    const odd = summarizer.summarize({ title: '\u0000', paragraphs: ['\u200b', '😀😀。', '。。。', '“”'] });
    expect(odd.sentences.length).toBeGreaterThan(0);
  });

  it('an ignored blank digest falls back to the article', () => {
    const r = summarizer.summarize({ title: 't', paragraphs: ['正文第一句。'], digest: '  ' });
    expect(r).toEqual({ summary: '正文第一句。', sentences: ['正文第一句。'], usedDigest: false });
  });

  it('never repeats a sentence the article repeats', () => {
    const para = '央行宣布下调存款准备金率0.25个百分点。';
    const r = summarizer.summarize({ title: '降准', paragraphs: [para, para, para] }, { budget: 200 });
    expect(r.sentences).toEqual([para]);
  });

  it('never repeats a sentence the site’s digest repeats, whether or not the digest fits', () => {
    const once = '央行宣布下调存款准备金率0.25个百分点。';
    const digest = `${once}${once}`;
    for (const budget of [200, 25]) {
      const r = summarizer.summarize({ title: '降准', paragraphs: ['正文。'], digest }, { budget });
      expect(r).toMatchObject({ usedDigest: true, sentences: [once], summary: once });
    }
  });

  it('jieba features give whole-sentence summaries too', () => {
    const jieba = createSummarizer({ features: 'jieba' });
    const p = post('NW202203152308494336');
    const input = { title: p.title, paragraphs: p.paragraphs };
    const r = jieba.summarize(input);
    expect(summaryViolations(input, r, 120)).toEqual([]);
    expect(r.summary.startsWith('百尺竿头')).toBe(false);
  });
});
