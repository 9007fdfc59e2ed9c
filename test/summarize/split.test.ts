import { describe, expect, it } from 'vitest';
import { splitLine, splitSentences } from '../../src/summarize/split.ts';
import { isBalanced } from '../../src/summarize/text.ts';

describe('splitLine', () => {
  it('splits on 。！？；…… and keeps decimals and percentages whole', () => {
    expect(
      splitLine(
        '上证指数涨1.80%，报3287.45点。深成指跌0.5%！创业板呢？两市成交7632亿元；北向资金净流入……后市如何',
      ),
    ).toEqual([
      '上证指数涨1.80%，报3287.45点。',
      '深成指跌0.5%！',
      '创业板呢？',
      '两市成交7632亿元；',
      '北向资金净流入……',
      '后市如何',
    ]);
  });

  it('keeps closing quotes and brackets with their sentence and never splits inside a quote', () => {
    expect(splitLine('他说：“我们会努力。请大家放心！”随后离开了会场。《报告》指出：（全年增长。）')).toEqual(
      ['他说：“我们会努力。请大家放心！”', '随后离开了会场。', '《报告》指出：（全年增长。）'],
    );
    expect(splitLine('“赶考”仍在继续，奋斗永不停歇。在全系统2022年工作会上，他表示。')).toEqual([
      '“赶考”仍在继续，奋斗永不停歇。',
      '在全系统2022年工作会上，他表示。',
    ]);
  });

  it('keeps a short speech tag after a quote and a trailing source in brackets with the sentence', () => {
    expect(splitLine('“这正成为大势所趋。”上述负责人表示。')).toEqual([
      '“这正成为大势所趋。”上述负责人表示。',
    ]);
    expect(splitLine('年均增长8.4%。（央视新闻客户端）')).toEqual(['年均增长8.4%。（央视新闻客户端）']);
    expect(splitLine('目标是“双碳”。(中证网)')).toEqual(['目标是“双碳”。(中证网)']);
  });

  it('ASCII sentences end at . ! ? followed by a space or the end; URLs stay whole', () => {
    expect(
      splitLine('Apple rose 3.5% today. Shares hit a record! Why? 见 http://a.com/x.html?id=1.2。好'),
    ).toEqual([
      'Apple rose 3.5% today.',
      'Shares hit a record!',
      'Why?',
      '见 http://a.com/x.html?id=1.2。',
      '好',
    ]);
    expect(splitLine('英特尔(INTC.O)CEO基辛格：将用Mobileye上市所筹资金建设更多芯片工厂。')).toHaveLength(1);
  });

  it('an unbalanced quote in the source does not glue the rest of the line together', () => {
    expect(splitLine('不平衡的引号“开始了。然后继续。')).toEqual(['不平衡的引号“开始了。', '然后继续。']);
  });
});

describe('splitSentences', () => {
  it('paragraphs and newlines are hard breaks; short unpunctuated lines are headings', () => {
    const s = splitSentences(['党建引领勇毅前行', '第一句。第二句\n第三句。', '']);
    expect(s.map((x) => [x.text, x.paragraph, x.index, x.heading])).toEqual([
      ['党建引领勇毅前行', 0, 0, true],
      ['第一句。', 1, 1, false],
      ['第二句', 1, 2, false],
      ['第三句。', 1, 3, false],
    ]);
  });
});

describe('isBalanced', () => {
  it('checks curly quotes, brackets and book titles; list markers are not brackets', () => {
    expect(isBalanced('他说：“好（真的）《书》”')).toBe(true);
    expect(isBalanced('他说：“好')).toBe(false);
    expect(isBalanced('好）')).toBe(false);
    expect(isBalanced('“（”）')).toBe(false);
    expect(isBalanced('主要基于原因：1)苹果手机出货增长；2)业绩较好。')).toBe(true);
  });
});
