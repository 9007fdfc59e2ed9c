import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bold, escapeHtml, html, link } from '../../src/present/html.ts';
import { checkTelegramMarkdown } from '../support/fake-telegram/markdown.ts';
import { checkTelegramHtml } from '../support/strict-html.ts';

function plain(text: string): string {
  const r = checkTelegramHtml(text);
  if (!r.ok) throw new Error(`unexpectedly rejected: ${r.error}`);
  return r.plainText;
}

function rejects(text: string): string {
  const r = checkTelegramHtml(text);
  if (r.ok) throw new Error(`unexpectedly accepted: ${text}`);
  return r.error;
}

describe('checkTelegramHtml accepts what Telegram documents', () => {
  it.each([
    [
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>',
      'bsieunskd',
    ],
    ['<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', 'xy'],
    ['<b>bold <i>italic <u>under <s>strike</s></u></i></b>', 'bold italic under strike'],
    ['<a href="https://example.com/?a=1&amp;b=2">link</a>', 'link'],
    ["<a href='tg://user?id=123'>mention</a>", 'mention'],
    ['<code>a &lt; b</code>', 'a < b'],
    ['<pre><code class="language-python">print(1)</code></pre>', 'print(1)'],
    ['<blockquote>q</blockquote><blockquote expandable>e</blockquote>', 'qe'],
    ['<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', '👍'],
    ['&lt;&gt;&amp;&quot;&#39;&#x1F600;&#20013;', '<>&"\'😀中'],
    ['<B>upper</B>', 'upper'],
    ['plain 中文 text, no markup', 'plain 中文 text, no markup'],
    ['', ''],
  ])('%s', (input, expected) => {
    expect(plain(input)).toBe(expected);
  });

  it('reports entities with UTF-16 offsets', () => {
    const r = checkTelegramHtml(
      '😀 <b>粗<i>斜</i></b> <a href="https://a.b/">l</a><pre><code class="language-ts">x</code></pre>',
    );
    expect(r.ok && r.entities).toEqual([
      { type: 'bold', offset: 3, length: 2 },
      { type: 'italic', offset: 4, length: 1 },
      { type: 'text_link', offset: 6, length: 1, url: 'https://a.b/' },
      { type: 'pre', offset: 7, length: 1, language: 'ts' },
    ]);
  });
});

describe('checkTelegramHtml rejects what Telegram rejects (and bare > and &)', () => {
  it.each([
    ['bare <', 'a < b'],
    ['bare >', 'a > b'],
    ['bare &', 'AT&T'],
    ['& without ;', 'a &amp b'],
    ['unsupported named entity', 'a&nbsp;b'],
    ['NUL entity', '&#0;'],
    ['surrogate entity', '&#xD800;'],
    ['entity beyond Unicode', '&#x110000;'],
    ['unknown tag', 'a<br>b'],
    ['self-closing tag', 'a<br/>b'],
    ['comment', '<!-- x -->'],
    ['unclosed tag', '<b>bold'],
    ['stray end tag', 'x</b>'],
    ['misnesting', '<b><i>x</b></i>'],
    ['a without href', '<a>x</a>'],
    ['unquoted attribute', '<a href=https://x.y>x</a>'],
    ['javascript url', '<a href="javascript:alert(1)">x</a>'],
    ['relative url', '<a href="/x">x</a>'],
    ['span without spoiler class', '<span>x</span>'],
    ['span with another class', '<span class="red">x</span>'],
    ['attribute on b', '<b class="x">x</b>'],
    ['extra attribute on a', '<a href="https://x.y" target="_blank">x</a>'],
    ['duplicate attribute', '<a href="https://x.y" href="https://z.w">x</a>'],
    ['tag inside code', '<code><b>x</b></code>'],
    ['tag inside pre', '<pre><i>x</i></pre>'],
    ['nested links', '<a href="https://a.b"><a href="https://c.d">x</a></a>'],
    ['nested blockquotes', '<blockquote><blockquote>x</blockquote></blockquote>'],
    ['tg-emoji without id', '<tg-emoji>x</tg-emoji>'],
    ['unterminated tag', 'x <b'],
    ['< in attribute', '<a href="https://x<y">x</a>'],
    ['attributes on end tag', '<b>x</b class="y">'],
    ['bad code language', '<pre><code class="python">x</code></pre>'],
  ])('%s', (_name, input) => {
    expect(rejects(input)).toMatch(/at byte offset \d+$/);
  });

  it('names the byte offset of the problem', () => {
    expect(rejects('中<br>')).toBe('Unsupported start tag "br" at byte offset 3');
    expect(rejects('<b>x')).toBe('Can\'t find end tag corresponding to start tag "b" at byte offset 0');
  });
});

describe('the project HTML builders always pass', () => {
  it('escapeHtml round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(plain(escapeHtml(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('html, bold and link with hostile input stay valid', () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), (s, url) => {
        const out = html`${bold(s)} ${link(url, s)} ${link(`javascript:${s}`, s)}`.toString();
        expect(checkTelegramHtml(out).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('MarkdownV2 (checked so a stray Markdown message fails as in production)', () => {
  it.each([
    ['*bold* _italic_ __under__ ~strike~ ||spoiler||', 'bold italic under strike spoiler'],
    ['a\\.b\\!c \\(d\\) \\- \\#', 'a.b!c (d) - #'],
    ['[link](https://example.com/a_(b\\))', 'link'],
    ['`code with * and .` and ```ts\nlet x = 1;```', 'code with * and . and let x = 1;'],
    ['>quote\n>more', 'quote\nmore'],
  ])('accepts %s', (input, expected) => {
    expect(checkTelegramMarkdown(input, 'MarkdownV2')).toEqual({ ok: true, plainText: expected });
  });

  it.each([['Price 1.5'], ['hello!'], ['*unclosed'], ['[text]'], ['a-b'], ['`code'], ['x > y']])(
    'rejects %s',
    (input) => {
      expect(checkTelegramMarkdown(input, 'MarkdownV2').ok).toBe(false);
    },
  );

  it('legacy Markdown only checks its few markers', () => {
    expect(checkTelegramMarkdown('1.5 - ok! *b* _i_', 'Markdown')).toEqual({
      ok: true,
      plainText: '1.5 - ok! b i',
    });
    expect(checkTelegramMarkdown('snake_case', 'Markdown').ok).toBe(false);
  });
});
