import type { StoredArticle } from '../articles/types.ts';
import type { SearchHit } from '../search/types.ts';
import type { Keyboard } from '../telegram/reply.ts';
import { readButton } from '../telegram/web-app.ts';
import { localTime } from '../time.ts';
import { bold, clip, type Html, html, join, link } from './html.ts';

const TITLE_MAX = 120;
const URL_MAX = 300;

/** `MM-DD HH:mm` in the reader's zone; the year is added when it is not the current one there */
export function shortTime(ms: number, now: number, tz: string): string {
  const at = localTime(ms, tz);
  const year = at.year === localTime(now, tz).year ? '' : `${at.year}-`;
  return `${year}${at.md} ${at.hm}`;
}

/** plain snippet text with its mark ranges in <b>, everything escaped */
export function markedSnippet(snippet: SearchHit['snippet']): Html {
  const out: Array<Html | string> = [];
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start < at || end <= start) continue;
    out.push(snippet.text.slice(at, start), bold(snippet.text.slice(start, end)));
    at = end;
  }
  out.push(snippet.text.slice(at));
  return join(out);
}

/** one result line: number, linked bold title, date (in `tz`) and source, then the snippet or summary */
export function articleLine(
  n: number,
  article: StoredArticle,
  now: number,
  detail: Html | string | null,
  tz: string,
): Html {
  const title = clip(article.title || article.id, TITLE_MAX);
  // a freak URL must not push five results past one message
  const head = html`${n}. ${bold(article.url.length <= URL_MAX ? link(article.url, title) : title)}`;
  const meta = [shortTime(article.publishedAt, now, tz), article.source || article.category]
    .filter(Boolean)
    .join(' · ');
  return join(
    [head, meta, detail ?? ''].filter((x) => x !== ''),
    '\n',
  );
}

/**
 * 全文 buttons, three to a row, numbered like the lines: `read:<seq>` callbacks, or the Mini
 * App's article view in a private chat when the app is configured (`app`).
 */
export function readButtons(
  seqs: readonly number[],
  label: string,
  first = 1,
  app?: { chatId: number; appUrl: string | undefined },
): Keyboard {
  const rows: Keyboard = [];
  seqs.forEach((seq, i) => {
    const b = readButton(app?.chatId ?? 0, seq, `${first + i} ${label}`, app?.appUrl);
    if (i % 3 === 0) rows.push([b]);
    else rows[rows.length - 1]?.push(b);
  });
  return rows;
}
